package cn.onenet.localstack;

import cn.onenet.contracts.launcher.EcsLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's log file: what its JVM prints (stdout and stderr, copied from a pipe by a {@link Copier}) and this
 * launcher's own lines, written through one lock so that neither cuts into a line of the other. Once the file has
 * reached a size ({@code setAsideAt}) at the end of a line it is moved to {@code <name>.1.log} (the one there before is
 * dropped) and a new one begun with a line saying so: a service keeps at most about twice that size, however long it
 * runs. Lines are copied as bytes and the file is only ever cut after a {@code '\n'}, so no line (nor a character of
 * it) is split between the two files.
 */
final class ServiceLog {

    private static final Logger log = LoggerFactory.getLogger(ServiceLog.class);

    /** The longest part of a line the copier holds back until its end; a longer one is written in parts. */
    private static final int LINE_BUFFER = 64 * 1024;
    /** After a failed write the copier drops what the service prints for this long before it tries again. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    private final String service;
    private final Path file;
    private final Path earlier;
    private final long setAsideAt;

    /** Open while the file is written; null between a copier's end and the next write. */
    private OutputStream out;
    /** The file's size, as far as this class wrote it (read when it is opened). */
    private long size;
    /** Whether the last byte written ended a line. */
    private boolean atLineStart = true;

    /**
     * @param service    the service's name, for the launcher's own lines
     * @param file       {@code <name>.log}
     * @param setAsideAt the size from which the file is set aside as {@code <name>.1.log}
     */
    ServiceLog(String service, Path file, long setAsideAt) {
        this.service = Objects.requireNonNull(service, "service");
        this.file = Objects.requireNonNull(file, "file");
        if (setAsideAt <= 0) {
            throw new IllegalArgumentException("setAsideAt must be positive but was " + setAsideAt);
        }
        this.setAsideAt = setAsideAt;
        String name = file.getFileName().toString();
        this.earlier = file.resolveSibling(name.endsWith(".log")
                ? name.substring(0, name.length() - ".log".length()) + ".1.log" : name + ".1");
    }

    /** Sets the file aside if it has reached the size already (a log of an earlier run): when a service starts. */
    synchronized void setAsideIfLarge() throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) >= setAsideAt) {
            setAside("when " + service + " started");
        }
    }

    /**
     * Writes one line of this launcher's own, a JSON object like the service's ({@link EcsLine}) naming
     * {@link ServiceProcess} as its logger; it begins a line of its own even if the service's last was cut off.
     */
    synchronized void writeLine(String level, String message) throws IOException {
        boolean opened = out == null;
        try {
            launcherLine(level, message);
            if (size >= setAsideAt) {
                setAside("on reaching " + setAsideAt + " bytes");
            }
        } finally {
            if (opened) {
                // no copier writes now: the file is not held open (the class data extraction appends to it too)
                close();
            }
        }
    }

    /** Starts copying the process's output into this file on a daemon thread of its own, until the output ends. */
    Copier copy(Process process) {
        Copier copier = new Copier(process.getInputStream());
        Thread thread = new Thread(copier, service + "-output");
        thread.setDaemon(true);
        thread.start();
        return copier;
    }

    /** Closes the file if it is open: written again, it is opened again. */
    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", file, e);
            }
            out = null;
        }
    }

    /** Writes bytes of the service's output, setting the file aside at the end of any line that fills it. */
    private synchronized void writeOutput(byte[] bytes, int from, int to) throws IOException {
        // its size as it is now
        open();
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n' && size + (i + 1 - start) >= setAsideAt) {
                write(bytes, start, i + 1);
                start = i + 1;
                setAside("on reaching " + setAsideAt + " bytes");
            }
        }
        if (start < to) {
            write(bytes, start, to);
        }
    }

    private void setAside(String when) throws IOException {
        close();
        atLineStart = true;
        if (!Files.exists(file)) {
            // deleted by hand while it was open: what was written since went with it; the next write begins anew
            size = 0;
            return;
        }
        long setAside = Files.size(file);
        Files.move(file, earlier, StandardCopyOption.REPLACE_EXISTING);
        launcherLine("INFO", "The earlier part of this log (" + setAside + " bytes) was set aside as "
                + earlier.getFileName() + " " + when + " (the one there before is dropped)");
    }

    private void launcherLine(String level, String message) throws IOException {
        byte[] line = (EcsLine.of(Instant.now(), level, ServiceProcess.class.getName(), service, message)
                + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        if (!atLineStart) {
            write(NEWLINE, 0, NEWLINE.length);
        }
        write(line, 0, line.length);
    }

    private void open() throws IOException {
        if (out == null) {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(file);
        }
    }

    private void write(byte[] bytes, int from, int to) throws IOException {
        open();
        try {
            out.write(bytes, from, to - from);
        } catch (IOException e) {
            // part of it may be written
            atLineStart = false;
            throw e;
        }
        size += to - from;
        atLineStart = bytes[to - 1] == '\n';
    }

    /**
     * Reads a process's output to its end (the process's exit, even killed) and writes it to the log a whole line at
     * a time, then closes the file. If the file cannot be written (a full disk) it keeps reading, so that the service
     * never blocks on a full pipe, and drops what it reads, trying again every 10 s; a warning on this launcher's own
     * log says so once each time.
     */
    final class Copier implements Runnable {

        private final InputStream output;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean superseded;
        private long dropped;
        private long retryAt;

        private Copier(InputStream output) {
            this.output = output;
        }

        /** Completes once the output has ended and the file is closed. */
        CompletableFuture<Void> done() {
            return done;
        }

        /**
         * From now on drops what it reads and leaves the file alone: for a copier whose output has not ended though
         * its process has (a process it started holds the pipe), when the service starts again.
         */
        void supersede() {
            superseded = true;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[LINE_BUFFER];
            int held = 0;
            try (InputStream in = output) {
                int read;
                while ((read = in.read(buffer, held, buffer.length - held)) >= 0) {
                    int end = held + read;
                    int lineEnd = end - 1;
                    while (lineEnd >= held && buffer[lineEnd] != '\n') {
                        lineEnd--;
                    }
                    // whole lines only, unless the buffer is full of a single one
                    int upTo = lineEnd >= held ? lineEnd + 1 : end == buffer.length ? end : 0;
                    if (upTo > 0) {
                        write(buffer, 0, upTo);
                        System.arraycopy(buffer, upTo, buffer, 0, end - upTo);
                    }
                    held = end - upTo;
                }
                if (held > 0) {
                    // a line cut off by the process's exit: ended here, so that the next begins a line
                    write(buffer, 0, held);
                    write(NEWLINE, 0, NEWLINE.length);
                }
            } catch (IOException e) {
                log.warn("{}: reading its output failed, the rest is not in {}: {}", service, file, e.toString());
            } finally {
                if (!superseded) {
                    close();
                }
                done.complete(null);
            }
        }

        private void write(byte[] bytes, int from, int to) {
            if (superseded) {
                return;
            }
            if (dropped > 0 && System.nanoTime() - retryAt < 0) {
                dropped += to - from;
                return;
            }
            try {
                if (dropped > 0) {
                    writeLine("WARN", dropped + " bytes of " + service + "'s output were dropped: this log could not"
                            + " be written");
                    log.info("{}: writing its log {} again after dropping {} bytes", service, file, dropped);
                    dropped = 0;
                }
                writeOutput(bytes, from, to);
            } catch (IOException | RuntimeException e) {
                if (dropped == 0) {
                    log.warn("{}: cannot write its log {}, dropping its output (trying again every {} s): {}",
                            service, file, RETRY_AFTER.toSeconds(), e.toString());
                }
                dropped += to - from;
                retryAt = System.nanoTime() + RETRY_AFTER.toNanos();
            }
        }
    }
}
