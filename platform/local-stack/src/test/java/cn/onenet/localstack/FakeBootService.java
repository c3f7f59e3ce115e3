package cn.onenet.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot service in tests: serves {@code /actuator/health} on {@code --server.port} and echoes
 * its arguments on {@code /args}. {@code --fake.health=DOWN} makes it unhealthy, {@code --fake.exit=N} makes it
 * exit at once with code N; {@code /launcher} answers the launcher's pid it was given. Uses only the JDK so that it
 * runs from a one-class jar.
 */
public final class FakeBootService {

    private FakeBootService() {
    }

    public static void main(String[] args) throws IOException {
        int port = -1;
        String health = "UP";
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            } else if (arg.startsWith("--fake.health=")) {
                health = arg.substring("--fake.health=".length());
            } else if (arg.startsWith("--fake.exit=")) {
                int code = Integer.parseInt(arg.substring("--fake.exit=".length()));
                System.out.println("fake failure: exiting with " + code);
                System.exit(code);
            }
        }
        String healthBody = "{\"status\":\"" + health + "\",\"components\":{\"ping\":{\"status\":\"UP\"}}}";
        int healthCode = "UP".equals(health) ? 200 : 503;
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/actuator/health", exchange -> respond(exchange, healthCode, healthBody));
        server.createContext("/args", exchange -> respond(exchange, 200, String.join("\n", args)));
        server.createContext("/launcher", exchange -> respond(exchange, 200,
                String.valueOf(System.getProperty("onenet.launcher-pid"))));
        server.start();
        System.out.println("fake service listening on " + port);
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
