package cn.onenet.routing.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook that answers one call per connection, keeping it alive, and closes it unanswered when the next call
 * arrives on it: what a client meets from a server whose keep-alive ran out as it sent, or an HTTP/1.0 server.
 */
final class OneAnswerPerConnection implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "one-answer-per-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger closedUnanswered = new AtomicInteger();

    OneAnswerPerConnection() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptEach);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** Calls answered 200. */
    int answered() {
        return answered.get();
    }

    /** Calls that arrived on a connection already used, closed without an answer. */
    int closedUnanswered() {
        return closedUnanswered.get();
    }

    private void acceptEach() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                threads.submit(() -> serve(connection));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            readCall(in);
            connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            connection.getOutputStream().flush();
            answered.incrementAndGet();
            if (in.read() != -1) {
                closedUnanswered.incrementAndGet();
            }
        }
        catch (IOException ignored) {
            // the client went away
        }
    }

    /** Reads a call's head and its body (by Content-Length). */
    private static void readCall(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("closed before a whole call");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
