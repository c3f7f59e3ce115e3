package cn.onenet.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Linux's {@code /proc} (or a copy of it in tests): CPU times, resident memory, command lines. */
final class ProcFs {

    /** CPU times of one process from {@code /proc/<pid>/stat}, in clock ticks. */
    record ProcessTimes(long parentPid, long userTicks, long systemTicks) {

        long totalTicks() {
            return userTicks + systemTicks;
        }
    }

    /** The {@code cpu} line of {@code /proc/stat}, in clock ticks summed over all cores. */
    record MachineTimes(long totalTicks, long idleTicks) {
    }

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    Optional<ProcessTimes> times(long pid) {
        return read(root.resolve(Long.toString(pid)).resolve("stat")).map(ProcFs::parseStat);
    }

    /** Resident set size in kB, or empty if the process is gone. */
    Optional<Long> residentKilobytes(long pid) {
        return read(root.resolve(Long.toString(pid)).resolve("status")).map(ProcFs::parseResidentKilobytes);
    }

    Optional<MachineTimes> machineTimes() {
        return read(root.resolve("stat")).map(ProcFs::parseMachineStat);
    }

    /** Every process's command line by pid (processes that vanish while reading are skipped). */
    Map<Long, List<String>> commandLines() {
        Map<Long, List<String>> result = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    List<String> args = parseCommandLine(Files.readAllBytes(entry.resolve("cmdline")));
                    if (!args.isEmpty()) {
                        result.put(Long.parseLong(name), args);
                    }
                } catch (IOException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to discover
        }
        return result;
    }

    /**
     * CPU ticks of a process's threads ({@code /proc/<pid>/task/<tid>/stat}), summed by thread name with its numbers
     * left out ({@link #threadGroup}): a JVM's threads of one kind (a pool, a consumer's threads) in one line. Linux
     * keeps the first 15 characters of a thread's name. Threads that end while reading are skipped; empty when the
     * process is gone.
     */
    Map<String, Long> threadTicks(long pid) {
        Map<String, Long> result = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : tasks) {
                read(task.resolve("stat")).ifPresent(stat -> {
                    try {
                        result.merge(threadGroup(parseName(stat)), parseStat(stat).totalTicks(), Long::sum);
                    } catch (IllegalArgumentException e) {
                        // not a stat line: skipped
                    }
                });
            }
        } catch (IOException | DirectoryIteratorException e) {
            // gone (also while its threads were listed), or no /proc: what was read so far
        }
        return result;
    }

    Optional<Long> parentPid(long pid) {
        return times(pid).map(ProcessTimes::parentPid);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses {@code /proc/<pid>/stat}. The second field, the command name in parentheses, may itself hold spaces
     * and parentheses, so the fields are counted from the last {@code ')'}: state is field 3, ppid 4, utime 14,
     * stime 15.
     */
    static ProcessTimes parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("Not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state)
        return new ProcessTimes(Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /** The command (or thread) name of a {@code /proc/…/stat} line: what stands between the parentheses. */
    static String parseName(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("Not a /proc/<pid>/stat line: " + stat);
        }
        return stat.substring(open + 1, close);
    }

    /**
     * A thread's name with every run of digits as {@code N}: {@code http-nio-8081-exec-7} is
     * {@code http-nio-N-exec-N}.
     */
    static String threadGroup(String name) {
        return name.replaceAll("[0-9]+", "N");
    }

    /** The {@code VmRSS:} line of {@code /proc/<pid>/status}, in kB (0 for a kernel thread or a zombie). */
    static long parseResidentKilobytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /** The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal …}. */
    static MachineTimes parseMachineStat(String stat) {
        String line = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No cpu line in /proc/stat"));
        String[] fields = line.substring(4).trim().split("\\s+");
        long total = 0;
        // guest and guest_nice (fields 9 and 10) are already counted in user and nice
        for (int i = 0; i < Math.min(8, fields.length); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[3]) + (fields.length > 4 ? Long.parseLong(fields[4]) : 0);
        return new MachineTimes(total, idle);
    }

    /** {@code /proc/<pid>/cmdline}: arguments separated (and usually ended) by NUL bytes. */
    static List<String> parseCommandLine(byte[] raw) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return args;
    }
}
