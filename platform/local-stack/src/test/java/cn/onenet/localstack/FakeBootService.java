package cn.onenet.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot service in tests: serves {@code /actuator/health} on {@code --server.port} and echoes
 * its arguments on {@code /args}. {@code --fake.health=DOWN} makes it unhealthy, {@code --fake.exit=N} makes it
 * exit at once with code N; {@code /launcher} answers the launcher's pid it was given. {@code --fake.lines=N} prints
 * N numbered lines ({@link #line(int)}, in UTF-8) before it listens, {@code --fake.chatter} keeps printing such lines
 * while it runs; each is printed in two parts (the second after a pause while chattering), as a writer that flushes
 * mid-line would. Run as Spring Boot's
 * extraction tool ({@code -Djarmode=tools ... extract --destination <dir>}) it copies its own jar into {@code <dir>}.
 * Uses only the JDK so that it runs from a one-class jar.
 */
public final class FakeBootService {

    private FakeBootService() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if ("tools".equals(System.getProperty("jarmode"))) {
            extract(args);
            return;
        }
        int port = -1;
        String health = "UP";
        boolean chatter = false;
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            } else if (arg.startsWith("--fake.health=")) {
                health = arg.substring("--fake.health=".length());
            } else if (arg.startsWith("--fake.lines=")) {
                int lines = Integer.parseInt(arg.substring("--fake.lines=".length()));
                for (int i = 0; i < lines; i++) {
                    printInParts(i, 0);
                }
            } else if (arg.equals("--fake.chatter")) {
                chatter = true;
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
        // as a Spring service logs its graceful shutdown on SIGTERM
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sleepQuietly(300);
            System.out.println("fake service stopped gracefully");
        }));
        System.out.println("fake service listening on " + port);
        if (chatter) {
            // after the line above, which would otherwise come in the middle of one of these
            Thread thread = new Thread(FakeBootService::chatter, "chatter");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The line {@code --fake.lines} and {@code --fake.chatter} print as their {@code i}th (without its end). */
    static String line(int i) {
        return String.format(Locale.ROOT, "fake line %06d 市民反映：小区门口夜间施工噪音扰民，请尽快处理。", i);
    }

    private static void chatter() {
        for (int i = 0; ; i++) {
            printInParts(i, 1);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printInParts(int i, long pauseMillis) {
        byte[] line = (line(i) + "\n").getBytes(StandardCharsets.UTF_8);
        // within the first character of the Chinese text: a reader must not cut the line (nor the character) there
        int middle = "fake line 000000 ".length() + 1;
        System.out.write(line, 0, middle);
        System.out.flush();
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.write(line, middle, line.length - middle);
        System.out.flush();
    }

    private static void extract(String[] args) throws IOException, URISyntaxException {
        if (args.length != 3 || !args[0].equals("extract") || !args[1].equals("--destination")) {
            System.out.println("fake extraction: unexpected arguments " + String.join(" ", args));
            System.exit(1);
        }
        Path jar = Path.of(FakeBootService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path destination = Path.of(args[2]);
        Files.createDirectories(destination);
        Files.copy(jar, destination.resolve(jar.getFileName()));
        System.out.println("fake extraction of " + jar.getFileName() + " into " + destination);
    }

    private static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
