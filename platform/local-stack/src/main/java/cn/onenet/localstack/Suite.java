package cn.onenet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: the Kafka broker and the document store in this JVM (or, for fault tests, each in
 * a JVM of its own), and the identity provider, the request intake service, the routing service and the gateway as
 * separate JVMs. The identity provider starts
 * first (with the broker and the store); the gateway and the services check tokens against it as their issuer.
 */
public final class Suite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Suite.class);

    public static final String INTAKE = "request-intake-service";
    public static final String ROUTING = "routing-service";
    public static final String GATEWAY = "gateway";
    public static final String IDENTITY = "identity";
    /** Every process of the suite; the identity provider first. */
    static final List<String> SERVICE_NAMES = List.of(IDENTITY, INTAKE, ROUTING, GATEWAY);
    /** Started once the identity provider, the broker and the store are up. */
    static final List<String> APPLICATION_NAMES = List.of(INTAKE, ROUTING, GATEWAY);
    /** Modules that don't live at the repository root. */
    private static final Map<String, String> MODULE_DIRS = Map.of(IDENTITY, "platform/identity");
    static final String ROUTING_DATABASE = "onenet-routing";
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);
    /** The services' JVM options unless {@link Builder#jvmOptions(List)} says otherwise (those of {@code ./run.sh}). */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    private final Path dataDir;
    private final KafkaBroker broker;
    private final DocumentStore store;
    private final Map<String, ServiceProcess> services;
    /** Set when the broker and the store run in JVMs of their own; {@link #broker} and {@link #store} then only describe them. */
    private final InfrastructureProcess brokerProcess;
    private final InfrastructureProcess storeProcess;
    private final Consumer<String> progress;
    private State state = State.NEW;

    private Suite(Builder builder) {
        this.dataDir = builder.dataDir;
        this.progress = builder.progress;
        this.broker = new KafkaBroker(dataDir.resolve("kafka"), builder.kafkaPort, builder.kafkaControllerPort);
        this.store = builder.inMemoryStore
                ? DocumentStore.inMemory(builder.storePort)
                : DocumentStore.file(dataDir.resolve("store").resolve("onenet.h2"), builder.storePort);
        if (builder.infrastructureProcesses) {
            if (builder.inMemoryStore) {
                throw new IllegalArgumentException("A store in its own process keeps its data in a file: drop inMemoryStore");
            }
            this.brokerProcess = InfrastructureProcess.broker(dataDir.resolve("kafka"), broker.port(), broker.controllerPort(), logDir());
            this.storeProcess = InfrastructureProcess.store(dataDir.resolve("store").resolve("onenet.h2"), store.port(), logDir());
        } else {
            this.brokerProcess = null;
            this.storeProcess = null;
        }
        int intakePort = Ports.resolve(builder.intakePort, INTAKE);
        int routingPort = Ports.resolve(builder.routingPort, ROUTING);
        int gatewayPort = Ports.resolve(builder.gatewayPort, GATEWAY);
        int identityPort = Ports.resolve(builder.identityPort, IDENTITY);
        requireDistinct(Map.of(
                "gateway", gatewayPort, "request intake service", intakePort, "routing service", routingPort,
                "identity provider", identityPort, "Kafka", broker.port(), "Kafka controller", broker.controllerPort(),
                "document store", store.port()));

        String issuer = "http://127.0.0.1:" + identityPort;
        String trustIssuer = "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer;
        String console = "http://127.0.0.1:" + gatewayPort;
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        processes.put(IDENTITY, service(builder, IDENTITY, identityPort,
                List.of("--onenet.identity.issuer=" + issuer,
                        "--onenet.identity.key-file=" + dataDir.resolve("identity").resolve("signing-key.json"),
                        "--onenet.identity.console-redirect-uris=" + console + "/",
                        "--onenet.identity.console-origins=" + console,
                        // a department system is added only for a department routing lists
                        "--onenet.identity.departments-uri=http://127.0.0.1:" + routingPort + "/api/v1/departments")));
        // the gateway and the identity provider (the browser's sign-in) face the network; intake and routing, whose
        // actuator (health details, metrics) answers without a token, listen on the loopback only, as the broker and
        // the store do: the gateway reaches them there
        String loopbackOnly = "--server.address=127.0.0.1";
        processes.put(INTAKE, service(builder, INTAKE, intakePort,
                List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), trustIssuer, loopbackOnly)));
        processes.put(ROUTING, service(builder, ROUTING, routingPort,
                List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--spring.mongodb.uri=" + store.connectionString(ROUTING_DATABASE), trustIssuer, loopbackOnly)));
        List<String> gatewayArgs = new ArrayList<>(List.of(
                "--onenet.gateway.intake-uri=http://127.0.0.1:" + intakePort,
                "--onenet.gateway.routing-uri=http://127.0.0.1:" + routingPort,
                "--onenet.gateway.identity-uri=" + issuer, trustIssuer));
        gatewayArgs.addAll(builder.gatewayArgs);
        processes.put(GATEWAY, service(builder, GATEWAY, gatewayPort, gatewayArgs));
        this.services = Map.copyOf(processes);
    }

    /** @param home the repository root; service jars are {@code <home>/<module>/target/<module>.jar} */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /**
     * Starts the broker, the store and the identity provider (in parallel), then the three services (in parallel),
     * and waits until all report healthy (at most 180 s). On failure everything started so far is stopped again.
     *
     * @throws IllegalStateException if a jar is missing, a port is in use, or something fails to start
     */
    public void start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("A suite can be started once; this one is " + state);
            }
            state = State.STARTING;
        }
        long started = System.nanoTime();
        int threads = SERVICE_NAMES.size() + APPLICATION_NAMES.size();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "suite-start");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        try {
            checkJars();
            checkPorts();
            createDirectories();

            String storeAddress = "127.0.0.1:" + store.port();
            ServiceProcess identity = services.get(IDENTITY);
            progress.accept("Starting Kafka broker on " + broker.bootstrapServers() + ", document store on "
                    + storeAddress + " (" + store.describeBackend() + ") and identity provider on " + identity.baseUrl());
            long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
            synchronized (this) {
                requireStarting();
                identity.start();
            }
            List<CompletableFuture<Void>> infrastructure = new ArrayList<>(List.of(
                    timed(executor, "Kafka broker ready at " + broker.bootstrapServers(),
                            brokerProcess != null ? brokerProcess::start : broker::start),
                    timed(executor, "Document store ready at " + storeAddress,
                            storeProcess != null ? storeProcess::start : store::start),
                    timed(executor, IDENTITY + " healthy at " + identity.baseUrl(),
                            () -> identity.awaitHealthy(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))));
            // a jar new since the last start is extracted for class data sharing meanwhile
            for (String name : APPLICATION_NAMES) {
                infrastructure.add(CompletableFuture.runAsync(services.get(name)::prepareClassData, executor));
            }
            steps.addAll(infrastructure);
            awaitAll(infrastructure);

            progress.accept("Starting " + String.join(", ", APPLICATION_NAMES) + " (logs in " + logDir() + ")");
            List<CompletableFuture<Void>> healthy = new ArrayList<>();
            synchronized (this) {
                // close() marks the suite closed under this lock before it stops services: none can be left behind
                requireStarting();
                for (String name : APPLICATION_NAMES) {
                    services.get(name).start();
                }
            }
            for (String name : APPLICATION_NAMES) {
                ServiceProcess service = services.get(name);
                healthy.add(timed(executor, name + " healthy at " + service.baseUrl(),
                        () -> service.awaitHealthy(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))));
            }
            steps.addAll(healthy);
            awaitAll(healthy);
            synchronized (this) {
                requireStarting();
                state = State.RUNNING;
            }
            progress.accept(String.format(Locale.ROOT, "All healthy in %.1f s", seconds(started)));
            reportClassData();
        } catch (RuntimeException e) {
            log.debug("Suite start failed, stopping what was started", e);
            close();
            // a step still running (a broker start, a health poll) may have started something after close()
            steps.forEach(step -> step.handle((ignored, failure) -> null).join());
            stopInfrastructure();
            throw e;
        } finally {
            executor.shutdownNow();
        }
    }

    private void reportClassData() {
        Map<ClassDataSharing.Mode, List<String>> byMode = services().stream().collect(Collectors.groupingBy(
                ServiceProcess::classDataMode, Collectors.mapping(ServiceProcess::name, Collectors.toList())));
        List<String> shared = byMode.getOrDefault(ClassDataSharing.Mode.SHARE, List.of());
        List<String> recording = byMode.getOrDefault(ClassDataSharing.Mode.RECORD, List.of());
        if (!shared.isEmpty()) {
            progress.accept("Class data sharing: " + String.join(", ", shared)
                    + " loaded their classes from the archive of their last run");
        }
        if (!recording.isEmpty()) {
            progress.accept("Class data sharing: " + String.join(", ", recording)
                    + " will archive their classes when stopped (up to some 20 s), for a faster start next time");
        }
    }

    private void requireStarting() {
        if (state != State.STARTING) {
            throw new IllegalStateException("The suite was closed while starting");
        }
    }

    /**
     * Starts a service of this running suite again, with the same command line: the launcher's restart of one that
     * exited unexpectedly. Under the lock {@link #close()} takes to mark the suite closed, so that none is left behind.
     *
     * @return false, starting nothing, once the suite is closing (or not running yet)
     * @throws IllegalStateException if the service cannot be started (its jar gone, say)
     */
    synchronized boolean restart(ServiceProcess service) {
        if (state != State.RUNNING) {
            return false;
        }
        service.start();
        return true;
    }

    /** @param name {@code identity}, {@code request-intake-service}, {@code routing-service} or {@code gateway} */
    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("Unknown service '" + name + "'; known: " + SERVICE_NAMES);
        }
        return service;
    }

    /** The identity provider's issuer URI, {@code http://127.0.0.1:<identityPort>}. */
    public String issuerUrl() {
        return services.get(IDENTITY).baseUrl();
    }

    /** Where the identity provider keeps its signing key (a private JWK). */
    public Path signingKeyFile() {
        return dataDir.resolve("identity").resolve("signing-key.json");
    }

    public KafkaBroker broker() {
        return broker;
    }

    public DocumentStore store() {
        return store;
    }

    /** {@code http://127.0.0.1:<gatewayPort>} */
    public String gatewayUrl() {
        return services.get(GATEWAY).baseUrl();
    }

    /** Stops the services (SIGTERM, in parallel), then the store, then the broker. Safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (String name : SERVICE_NAMES) {
            ServiceProcess service = services.get(name);
            if (service.isAlive()) {
                Thread thread = new Thread(() -> stopQuietly(name, service::stop), "suite-stop-" + name);
                thread.start();
                stoppers.add(thread);
            }
        }
        boolean interrupted = false;
        for (Thread thread : stoppers) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // keep going: leaving services behind is worse than a late interrupt
                    interrupted = true;
                }
            }
        }
        stopInfrastructure();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopInfrastructure() {
        stopQuietly("document store", storeProcess != null ? storeProcess::stop : store::stop);
        stopQuietly("Kafka broker", brokerProcess != null ? brokerProcess::stop : broker::stop);
    }

    /**
     * The broker's JVM, for a test that kills it.
     *
     * @throws IllegalStateException unless built with {@link Builder#infrastructureProcesses(boolean)}
     */
    public InfrastructureProcess brokerProcess() {
        if (brokerProcess == null) {
            throw new IllegalStateException("The broker runs in this JVM; build the suite with infrastructureProcesses(true)");
        }
        return brokerProcess;
    }

    /**
     * The store's JVM, for a test that kills it.
     *
     * @throws IllegalStateException unless built with {@link Builder#infrastructureProcesses(boolean)}
     */
    public InfrastructureProcess storeProcess() {
        if (storeProcess == null) {
            throw new IllegalStateException("The store runs in this JVM; build the suite with infrastructureProcesses(true)");
        }
        return storeProcess;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    List<ServiceProcess> services() {
        return SERVICE_NAMES.stream().map(services::get).toList();
    }

    private ServiceProcess service(Builder builder, String name, int port, List<String> args) {
        return new ServiceProcess(name, jarOf(builder.home, name), port, args,
                builder.jvmOptionsByService.getOrDefault(name, builder.jvmOptions),
                dataDir.resolve("logs").resolve(name + ".log"), builder.classDataRoot);
    }

    static Path jarOf(Path home, String module) {
        return home.resolve(MODULE_DIRS.getOrDefault(module, module)).resolve("target").resolve(module + ".jar");
    }

    private void checkJars() {
        List<String> missing = services().stream()
                .map(ServiceProcess::jar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Service jar" + (missing.size() > 1 ? "s" : "") + " missing: "
                    + String.join(", ", missing) + ". Build them first: ./mvnw -DskipTests package");
        }
    }

    private void checkPorts() {
        Ports.requireFree(broker.port(), "Kafka");
        Ports.requireFree(broker.controllerPort(), "Kafka controller");
        Ports.requireFree(store.port(), "document store");
        for (ServiceProcess service : services()) {
            Ports.requireFree(service.port(), service.name());
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logDir(), e);
        }
    }

    private CompletableFuture<Void> timed(ExecutorService executor, String doneMessage, Runnable step) {
        return CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            step.run();
            progress.accept(String.format(Locale.ROOT, "%s (%.1f s)", doneMessage, seconds(started)));
        }, executor);
    }

    /** Waits for all futures, failing as soon as the first one fails. */
    private static void awaitAll(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(futures.size());
        for (CompletableFuture<Void> future : futures) {
            future.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                } else if (remaining.decrementAndGet() == 0) {
                    all.complete(null);
                }
            });
        }
        try {
            all.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            log.warn("Stopping {} failed: {}", what, e.toString(), e);
        }
    }

    private static void requireDistinct(Map<String, Integer> ports) {
        Map<Integer, List<String>> byPort = ports.entrySet().stream().collect(
                Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        byPort.forEach((port, users) -> {
            if (users.size() > 1) {
                throw new IllegalArgumentException("Port " + port + " is configured for more than one component: "
                        + users.stream().sorted().collect(Collectors.joining(", ")));
            }
        });
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Configures a {@link Suite}; every setting has a default suitable for tests. */
    public static final class Builder {

        private final Path home;
        private Path dataDir;
        private boolean inMemoryStore;
        private boolean infrastructureProcesses;
        private int gatewayPort;
        private int intakePort;
        private int routingPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private int storePort;
        private int identityPort;
        private List<String> gatewayArgs = List.of();
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final Map<String, List<String>> jvmOptionsByService = new HashMap<>();
        private Path classDataRoot;
        private Consumer<String> progress = message -> log.info(message);

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
            this.dataDir = this.home.resolve("data");
        }

        /** Below it: {@code kafka/}, {@code store/onenet.h2} (file store) and {@code logs/}. Default {@code <home>/data}. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
            return this;
        }

        /** Keep documents in memory instead of the H2 file (for tests). Default false. */
        public Builder inMemoryStore(boolean inMemory) {
            this.inMemoryStore = inMemory;
            return this;
        }

        /**
         * Run the Kafka broker and the (file) document store as JVMs of their own instead of in this one, so that a
         * fault test can kill them as processes. Default false.
         */
        public Builder infrastructureProcesses(boolean separate) {
            this.infrastructureProcesses = separate;
            return this;
        }

        /** Ports; 0 (the default for each) picks a free port at {@link #build()}. */
        public Builder ports(int gateway, int intake, int routing, int kafka, int kafkaController, int store) {
            this.gatewayPort = gateway;
            this.intakePort = intake;
            this.routingPort = routing;
            this.kafkaPort = kafka;
            this.kafkaControllerPort = kafkaController;
            this.storePort = store;
            return this;
        }

        /** The identity provider's port; 0 (the default) picks a free port at {@link #build()}. */
        public Builder identityPort(int port) {
            this.identityPort = port;
            return this;
        }

        /** Further gateway settings, e.g. {@code --onenet.gateway.security.rate-limit.…} for a test. */
        public Builder gatewayArgs(List<String> args) {
            this.gatewayArgs = List.copyOf(args);
            return this;
        }

        /** JVM options of the service processes. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** JVM options of some of the service processes (by name), replacing {@link #jvmOptions(List)} for them. */
        public Builder jvmOptions(Map<String, List<String>> optionsByService) {
            optionsByService.forEach((name, options) -> {
                if (!SERVICE_NAMES.contains(name)) {
                    throw new IllegalArgumentException("Unknown service " + name + ": one of " + SERVICE_NAMES);
                }
                jvmOptionsByService.put(name, List.copyOf(options));
            });
            return this;
        }

        /**
         * Class data sharing for the services: each runs from an extracted copy of its jar kept under {@code root},
         * archives the classes it loaded when it is stopped (SIGTERM) and maps them at its next start, which then
         * spends less CPU on loading classes (see {@link ClassDataSharing}). Default null: off, each runs its jar.
         */
        public Builder classDataSharing(Path root) {
            this.classDataRoot = root == null ? null : root.toAbsolutePath().normalize();
            return this;
        }

        /** Receives a line per start step; by default they are logged. */
        Builder progress(Consumer<String> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Suite build() {
            return new Suite(this);
        }
    }
}
