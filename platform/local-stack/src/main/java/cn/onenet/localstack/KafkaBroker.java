package cn.onenet.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) running in this JVM.
 *
 * <p>Both listeners bind to 127.0.0.1 only. The storage in {@code dataDir} is formatted on the first start and
 * reused afterwards, so topics and records survive {@link #stop()} / {@link #start()} and restarts of the JVM.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_POLL_PAUSE = Duration.ofMillis(100);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;

    private volatile KafkaRaftServer server;

    /**
     * @param dataDir        the log directory (holds the KRaft metadata log too); created if missing
     * @param port           the client port, 0 for a free port picked now
     * @param controllerPort the KRaft controller port, 0 for a free port picked now
     */
    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        this.port = Ports.resolve(port, "Kafka");
        this.controllerPort = Ports.resolve(controllerPort, "Kafka controller");
        if (this.port == this.controllerPort) {
            throw new IllegalArgumentException("Kafka port and controller port must differ, both are " + this.port);
        }
    }

    /**
     * Formats the storage if needed, starts the broker and returns once an admin client can describe the
     * cluster. Does nothing if the broker is already running.
     *
     * @throws IllegalStateException if a port is in use, or the broker cannot start or does not become ready
     *                               within 60 s
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        // a failed bind inside Kafka costs a slow shutdown and a long stack trace: check up front
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "Kafka controller");
        KafkaConfig config = new KafkaConfig(serverProperties(), false);
        formatStorageIfNeeded();
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            shutDownQuietly(raftServer, e);
            throw new IllegalStateException("Kafka broker failed to start on " + bootstrapServers()
                    + " (controller port " + controllerPort + ", data in " + dataDir + "): " + e.getMessage(), e);
        }
        server = raftServer;
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.debug("Kafka broker ready on {} in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Shuts the broker down cleanly and waits until it has. Does nothing if it is not running. */
    public synchronized void stop() {
        KafkaRaftServer raftServer = server;
        if (raftServer == null) {
            return;
        }
        server = null;
        long started = System.nanoTime();
        raftServer.shutdown();
        raftServer.awaitShutdown();
        log.debug("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** {@code 127.0.0.1:<port>}, valid before {@link #start()}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public boolean isRunning() {
        return server != null;
    }

    int port() {
        return port;
    }

    int controllerPort() {
        return controllerPort;
    }

    Path dataDir() {
        return dataDir;
    }

    private Map<String, Object> serverProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("num.partitions", "3");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // the default 128 MB dedupe buffer is allocated up front; compacted internal topics here are tiny
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    private void formatStorageIfNeeded() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + dataDir, e);
        }
        if (Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
        log.info("Formatted Kafka KRaft storage in {} (cluster id {})", dataDir, clusterId);
        log.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "onenet-local-stack-readiness");
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        adminProps.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try {
                    Collection<Node> nodes = admin
                            .describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(remainingMs, 5000)))
                            .nodes()
                            .get(remainingMs, TimeUnit.MILLISECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    lastFailure = e.getCause() instanceof Exception cause ? cause : e;
                } catch (TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
                Pause.briefly(READY_POLL_PAUSE);
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not become ready within "
                + READY_TIMEOUT.toSeconds() + " s" + (lastFailure == null ? "" : ": " + lastFailure), lastFailure);
    }

    private static void shutDownQuietly(KafkaRaftServer raftServer, RuntimeException failure) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
