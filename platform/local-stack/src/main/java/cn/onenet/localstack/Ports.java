package cn.onenet.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** TCP port helpers: picking free ports and checking that a fixed port can be bound. */
final class Ports {

    private static final int MAX_ATTEMPTS = 100;

    /** Ports handed out by {@link #free()} in this JVM, so two components never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * Returns {@code port} itself, or a free port if it is 0.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    static int resolve(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " port must be between 0 and 65535 but was " + port);
        }
        return port == 0 ? free() : port;
    }

    /** A port that is free now on all interfaces and has not been handed out before by this JVM. */
    static int free() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot find a free TCP port", e);
            }
        }
        throw new IllegalStateException("Cannot find a free TCP port after " + MAX_ATTEMPTS + " attempts");
    }

    /** Whether a server could listen on {@code port}, both on all interfaces and on the loopback address. */
    static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port))
                && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Fails if {@code port} cannot be bound.
     *
     * @throws IllegalStateException naming the port and its user
     */
    static void requireFree(int port, String user) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " (" + user + ") is already in use; "
                    + "stop whatever listens on it or choose another port.");
        }
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // like the servers that will use the port: a socket lingering in TIME_WAIT does not block it
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
