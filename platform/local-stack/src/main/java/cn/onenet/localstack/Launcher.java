package cn.onenet.localstack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the whole system locally with one command: Kafka and the document store in this JVM, the identity provider and
 * the three services as child JVMs, on the fixed ports 8080 (gateway), 8081 (intake), 8082 (routing), 9000
 * (identity), 9092/9093 (Kafka) and 27017 (store). A service that exits meanwhile is started again
 * ({@link Supervisor}). Ctrl-C stops everything.
 */
public final class Launcher {

    static final int GATEWAY_PORT = 8080;
    static final int INTAKE_PORT = 8081;
    static final int ROUTING_PORT = 8082;
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int STORE_PORT = 27017;
    static final int IDENTITY_PORT = 9000;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar onenet-local-stack-<version>-exec.jar [options]",
            "  --home <dir>        repository root holding the built service jars (default: current directory)",
            "  --data-dir <dir>    Kafka data, document store file and service logs (default: <home>/data)",
            "  --in-memory-store   keep documents in memory instead of <data-dir>/store/onenet.h2",
            "  --service-jvm-options \"<options>\"",
            "                      JVM options of the identity provider and the three services, replacing",
            "                      the default \"" + String.join(" ", Suite.DEFAULT_JVM_OPTIONS) + "\"",
            "  --service-jvm-options-<service> \"<options>\"",
            "                      JVM options of one of them (" + String.join(", ", Suite.SERVICE_NAMES) + "),",
            "                      replacing those of --service-jvm-options for it",
            "  --no-class-data-sharing",
            "                      run each service from its jar as it is; by default each runs from a copy",
            "                      extracted under <home>/target/class-data and archives the classes it loaded",
            "                      when stopped, so that its next start loads them faster",
            "  --help              show this help");

    private static final String TOKEN_EXAMPLE = "TOKEN=$(curl -s -u channel-livelihood:channel-livelihood-secret"
            + " -d grant_type=client_credentials %s/oauth2/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')";
    private static final String CURL_EXAMPLE = "curl -i -X POST %s/api/v1/requests -H \"Authorization: Bearer $TOKEN\""
            + " -H 'Content-Type: application/json'"
            + " -d '{\"channel\":\"LIVELIHOOD\",\"externalId\":\"MS-DEMO-1\",\"category\":\"elderly-care\","
            + "\"title\":\"独居老人需要助餐服务\",\"description\":\"星洲社区3幢的独居老人行动不便，希望每天有人送餐。\","
            + "\"urgency\":\"NORMAL\",\"location\":{\"community\":\"xingzhou\",\"address\":\"星洲社区3幢2单元\"},"
            + "\"requester\":{\"name\":\"张三\",\"phone\":\"13800138000\"}}'";

    private final Options options;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Launcher(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(USAGE);
            return;
        }
        int exitCode = new Launcher(options, out).run();
        System.exit(exitCode);
    }

    /** Starts everything and blocks until the JVM is shut down; returns an exit code only when starting fails. */
    private int run() {
        out.println("OneNetwork local stack (home " + options.home() + ", data " + options.dataDir() + ")");
        List<Path> missing = missingJars(options.home());
        if (!missing.isEmpty()) {
            out.println("Missing service jar" + (missing.size() > 1 ? "s" : "") + ":");
            missing.forEach(jar -> out.println("  " + jar));
            out.println("Build them with ./mvnw -DskipTests package (./run.sh does that when needed), "
                    + "or pass --home <repository root>.");
            return 1;
        }
        Suite suite;
        try {
            suite = Suite.builder(options.home())
                    .dataDir(options.dataDir())
                    .inMemoryStore(options.inMemoryStore())
                    .jvmOptions(options.serviceJvmOptions())
                    .jvmOptions(options.jvmOptionsByService())
                    .classDataSharing(options.classDataSharing() ? classDataRoot(options.home()) : null)
                    .ports(GATEWAY_PORT, INTAKE_PORT, ROUTING_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, STORE_PORT)
                    .identityPort(IDENTITY_PORT)
                    .progress(this::step)
                    .build();
        } catch (RuntimeException e) {
            out.println("Cannot set up: " + e.getMessage());
            return 1;
        }
        AtomicBoolean running = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(suite, running.get()), "onenet-shutdown"));
        try {
            suite.start();
        } catch (RuntimeException e) {
            out.println("Start failed: " + e.getMessage());
            if (suite.services().stream().anyMatch(service -> Files.exists(service.logFile()))) {
                out.println("Logs: " + suite.logDir());
            }
            return 1;
        }
        running.set(true);
        printSummary(suite);
        watch(suite);
        awaitShutdown();
        return 0;
    }

    /** Where the services' extracted jars and class data archives go: removed by {@code ./mvnw clean}. */
    static Path classDataRoot(Path home) {
        return home.resolve("target").resolve("class-data");
    }

    static List<Path> missingJars(Path home) {
        List<Path> missing = new ArrayList<>();
        for (String name : Suite.SERVICE_NAMES) {
            Path jar = Suite.jarOf(home, name);
            if (!Files.isRegularFile(jar)) {
                missing.add(jar);
            }
        }
        return missing;
    }

    private void step(String message) {
        out.printf(Locale.ROOT, "[%5.1fs] %s%n", (System.nanoTime() - startedNanos) / 1e9, message);
    }

    private void printSummary(Suite suite) {
        String gateway = localhost(suite.service(Suite.GATEWAY));
        List<String> lines = new ArrayList<>();
        lines.add("OneNetwork is running");
        lines.add("");
        // the identity provider accepts the console's loopback address, not "localhost", as the place to return to
        lines.add("Console     " + suite.gatewayUrl() + "/   (sign in: operator / operator-demo, see README)");
        lines.add("API         " + gateway + "/api/v1");
        lines.add("Swagger UI  " + gateway + "/swagger-ui.html");
        lines.add("");
        boolean first = true;
        for (ServiceProcess service : suite.services()) {
            lines.add(String.format(Locale.ROOT, "%-12s%-24s%s/actuator/health",
                    first ? "Health" : "", service.name(), localhost(service)));
            first = false;
        }
        lines.add("");
        lines.add("Logs        " + suite.logDir());
        lines.add("Identity    " + suite.issuerUrl() + "   (OpenID Connect issuer)");
        lines.add("Kafka       " + suite.broker().bootstrapServers());
        lines.add("MongoDB     " + suite.store().connectionString(Suite.ROUTING_DATABASE));
        out.println();
        out.print(box(lines));
        out.println();
        out.println("Try it (a token for the 民生网 channel system, then a request):");
        out.println("  " + String.format(Locale.ROOT, TOKEN_EXAMPLE, suite.issuerUrl()));
        out.println("  " + String.format(Locale.ROOT, CURL_EXAMPLE, gateway));
        out.println();
        out.println("Press Ctrl-C to stop");
    }

    static String box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "─".repeat(width + 2);
        StringBuilder box = new StringBuilder();
        box.append('┌').append(rule).append('┐').append(System.lineSeparator());
        for (String line : lines) {
            box.append("│ ").append(line).append(" ".repeat(width - line.length())).append(" │")
                    .append(System.lineSeparator());
        }
        box.append('└').append(rule).append('┘').append(System.lineSeparator());
        return box.toString();
    }

    private static String localhost(ServiceProcess service) {
        return "http://localhost:" + service.port();
    }

    /** Restarts a service that exits while the suite runs (see {@link Supervisor}). */
    private void watch(Suite suite) {
        for (ServiceProcess service : suite.services()) {
            new Supervisor(service, Supervisor.Policy.DEFAULT, () -> !stopping.get(), suite::restart, this::step)
                    .watch();
        }
    }

    private void shutDown(Suite suite, boolean wasRunning) {
        stopping.set(true);
        if (!wasRunning) {
            suite.close();
            return;
        }
        out.println();
        boolean archiving = suite.services().stream()
                .anyMatch(service -> service.classDataMode() == ClassDataSharing.Mode.RECORD);
        step("Stopping: services first, then the document store and the Kafka broker"
                + (archiving ? " (the services archive their classes first, for a faster next start)" : ""));
        long started = System.nanoTime();
        suite.close();
        out.printf(Locale.ROOT, "Stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Blocks until the JVM exits: only a shutdown hook (Ctrl-C, SIGTERM) or a kill ends this process. */
    static void awaitShutdown() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // only the shutdown hook ends the launcher
                Thread.interrupted();
            }
        }
    }

    /** Command-line options. */
    record Options(Path home, Path dataDir, boolean inMemoryStore, List<String> serviceJvmOptions,
            Map<String, List<String>> jvmOptionsByService, boolean classDataSharing, boolean help) {

        private static final String SERVICE_JVM_OPTIONS = "--service-jvm-options";

        static Options parse(String... args) {
            Path home = Path.of("");
            Path dataDir = null;
            boolean inMemoryStore = false;
            List<String> serviceJvmOptions = Suite.DEFAULT_JVM_OPTIONS;
            Map<String, List<String>> jvmOptionsByService = new LinkedHashMap<>();
            boolean classDataSharing = true;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int equals = arg.indexOf('=');
                String name = equals >= 0 ? arg.substring(0, equals) : arg;
                String value = equals >= 0 ? arg.substring(equals + 1) : null;
                String service = name.startsWith(SERVICE_JVM_OPTIONS + "-")
                        ? name.substring(SERVICE_JVM_OPTIONS.length() + 1) : null;
                if (service != null && !Suite.SERVICE_NAMES.contains(service)) {
                    throw new IllegalArgumentException("Unknown service in " + name + ": one of "
                            + String.join(", ", Suite.SERVICE_NAMES));
                }
                switch (service != null ? SERVICE_JVM_OPTIONS : name) {
                    case "--home", "--data-dir", SERVICE_JVM_OPTIONS -> {
                        if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            value = args[++i];
                        }
                        if (value == null || value.isBlank()) {
                            throw new IllegalArgumentException("Option " + name + " needs a value");
                        }
                        if (name.equals("--home")) {
                            home = Path.of(value);
                        } else if (service != null) {
                            jvmOptionsByService.put(service, List.of(value.trim().split("\\s+")));
                        } else if (name.equals(SERVICE_JVM_OPTIONS)) {
                            serviceJvmOptions = List.of(value.trim().split("\\s+"));
                        } else {
                            dataDir = Path.of(value);
                        }
                    }
                    case "--in-memory-store" -> inMemoryStore = flag(name, value);
                    case "--no-class-data-sharing" -> classDataSharing = !flag(name, value);
                    case "--help", "-h" -> help = flag(name, value);
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            home = home.toAbsolutePath().normalize();
            dataDir = dataDir == null ? home.resolve("data") : dataDir.toAbsolutePath().normalize();
            return new Options(home, dataDir, inMemoryStore, serviceJvmOptions, Map.copyOf(jvmOptionsByService),
                    classDataSharing, help);
        }

        private static boolean flag(String name, String value) {
            if (value != null) {
                throw new IllegalArgumentException("Option " + name + " takes no value");
            }
            return true;
        }
    }
}
