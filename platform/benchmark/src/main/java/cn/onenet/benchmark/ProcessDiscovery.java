package cn.onenet.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the suite's JVMs: the services by their jar ({@code gateway.jar}, {@code request-intake-service.jar},
 * {@code routing-service.jar}) and the launcher that holds Kafka and the document store
 * ({@code onenet-local-stack-*-exec.jar}). Other copies of the same jars may be running (system tests start the
 * services on random ports), so a service started with {@code --server.port} must have the expected port, and
 * the launcher must be the services' parent when there is more than one.
 */
final class ProcessDiscovery {

    static final String GATEWAY = "gateway";
    static final String INTAKE = "request-intake-service";
    static final String ROUTING = "routing-service";
    static final String LAUNCHER = "local-stack (kafka+store)";

    private final ProcFs proc;

    ProcessDiscovery(ProcFs proc) {
        this.proc = proc;
    }

    /** name → pid of what was found, in the order gateway, intake, routing, launcher. */
    Map<String, Long> discover(Map<String, Integer> expectedPorts) {
        Map<Long, List<String>> commandLines = proc.commandLines();
        Map<String, Long> found = new LinkedHashMap<>();
        for (String service : List.of(GATEWAY, INTAKE, ROUTING)) {
            pick(commandLines, service, expectedPorts.get(service)).ifPresent(pid -> found.put(service, pid));
        }
        List<Long> launchers = new ArrayList<>();
        commandLines.forEach((pid, args) -> {
            if (isJava(args) && args.stream().anyMatch(ProcessDiscovery::isLauncherJar)) {
                launchers.add(pid);
            }
        });
        if (launchers.size() == 1) {
            found.put(LAUNCHER, launchers.get(0));
        } else if (launchers.size() > 1) {
            found.values().stream()
                    .map(proc::parentPid).flatMap(Optional::stream)
                    .filter(launchers::contains).findFirst()
                    .ifPresent(pid -> found.put(LAUNCHER, pid));
        }
        return found;
    }

    private static Optional<Long> pick(Map<Long, List<String>> commandLines, String service, Integer port) {
        String jar = service + ".jar";
        List<Long> candidates = new ArrayList<>();
        commandLines.forEach((pid, args) -> {
            if (!isJava(args) || args.stream().noneMatch(arg -> arg.equals(jar) || arg.endsWith("/" + jar))) {
                return;
            }
            Optional<Integer> serverPort = serverPort(args);
            if (serverPort.isEmpty() || port == null || serverPort.get().equals(port)) {
                candidates.add(pid);
            }
        });
        return candidates.size() == 1 ? Optional.of(candidates.get(0))
                : candidates.stream().filter(pid -> port != null
                        && serverPort(commandLines.get(pid)).filter(port::equals).isPresent()).findFirst();
    }

    private static boolean isJava(List<String> args) {
        String command = args.get(0);
        return command.equals("java") || command.endsWith("/java");
    }

    private static boolean isLauncherJar(String arg) {
        String name = arg.substring(arg.lastIndexOf('/') + 1);
        return name.startsWith("onenet-local-stack") && name.endsWith("-exec.jar");
    }

    static Optional<Integer> serverPort(List<String> args) {
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                try {
                    return Optional.of(Integer.parseInt(arg.substring("--server.port=".length())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Parses {@code name=pid,name=pid}. */
    static Map<String, Long> parsePids(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("--pids takes name=pid,… but got '" + entry + "'");
            }
            try {
                pids.put(entry.substring(0, equals).trim(), Long.parseLong(entry.substring(equals + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--pids: '" + entry.substring(equals + 1) + "' is not a pid");
            }
        }
        return pids;
    }
}
