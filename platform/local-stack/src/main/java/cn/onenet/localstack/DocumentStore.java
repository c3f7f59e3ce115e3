package cn.onenet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A document store speaking the MongoDB wire protocol (mongo-java-server), listening on 127.0.0.1 only.
 *
 * <p>The {@linkplain #inMemory(int) in-memory} store starts empty on every {@link #start()}; the
 * {@linkplain #file(Path, int) file} store keeps its data in an H2 MVStore file across restarts.
 */
public final class DocumentStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);

    private static final String HOST = "127.0.0.1";

    private final Path h2File;
    private final int port;

    private volatile MongoServer server;
    private volatile MongoBackend backend;

    private DocumentStore(Path h2File, int port) {
        this.h2File = h2File;
        this.port = Ports.resolve(port, "Document store");
    }

    /** A store whose data lives in memory only; {@code port} 0 picks a free port now. */
    public static DocumentStore inMemory(int port) {
        return new DocumentStore(null, port);
    }

    /** A store whose data lives in the H2 file {@code h2File} (created if missing); {@code port} 0 picks a free port now. */
    public static DocumentStore file(Path h2File, int port) {
        return new DocumentStore(Objects.requireNonNull(h2File, "h2File").toAbsolutePath().normalize(), port);
    }

    /**
     * Opens the backend and starts listening. Does nothing if already running.
     *
     * @throws IllegalStateException if the port cannot be bound or the H2 file cannot be opened
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        MongoBackend opened = openBackend();
        MongoServer mongoServer = new MongoServer(opened);
        try {
            mongoServer.bind(HOST, port);
        } catch (Exception e) {
            // bind() shuts the server and its backend down itself when it fails
            throw new IllegalStateException("Document store cannot listen on " + HOST + ":" + port + ": " + e, e);
        }
        server = mongoServer;
        backend = opened;
        log.debug("Document store listening on {}:{} ({})", HOST, port, describeBackend());
    }

    /** Closes client connections, stops listening and closes the backend (flushing the H2 file). */
    public synchronized void stop() {
        MongoServer mongoServer = server;
        if (mongoServer == null) {
            return;
        }
        server = null;
        mongoServer.shutdownNow();
        log.debug("Document store on {}:{} stopped", HOST, port);
    }

    /**
     * Stops as a killed process would ({@code kill -9}): the H2 file and its journal are closed without writing what
     * they hold in memory, then the connections are dropped. Writes answered as durable (write concern
     * {@code majority} or {@code j: true}) were in the journal on file before their answer and survive (the next
     * start applies the journal again); others written within the last second may not, as with MongoDB's own
     * journal interval. For fault tests.
     */
    public synchronized void crash() {
        MongoServer mongoServer = server;
        if (mongoServer == null) {
            return;
        }
        server = null;
        if (backend instanceof H2Backend) {
            ((H2Backend) backend).getMvStore().closeImmediately();
        }
        try {
            mongoServer.shutdownNow();
        } catch (RuntimeException e) {
            // the backend's own close finds its file closed already, as after a kill
            log.debug("Document store on {}:{} crashed: {}", HOST, port, e.toString());
        }
        log.debug("Document store on {}:{} crashed", HOST, port);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return server != null;
    }

    /** {@code mongodb://127.0.0.1:<port>/<database>}, valid before {@link #start()}. */
    public String connectionString(String database) {
        Objects.requireNonNull(database, "database");
        return "mongodb://" + HOST + ":" + port + "/" + database;
    }

    int port() {
        return port;
    }

    String describeBackend() {
        return h2File == null ? "in memory" : "H2 file " + h2File;
    }

    private MongoBackend openBackend() {
        if (h2File == null) {
            return IdIndexedBackends.memory();
        }
        try {
            Path parent = h2File.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory for " + h2File, e);
        }
        try {
            return IdIndexedBackends.h2(h2File.toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the document store file " + h2File
                    + " (is another process using it?): " + e.getMessage(), e);
        }
    }
}
