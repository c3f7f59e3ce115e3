package cn.onenet.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of a log file. */
final class LogTail {

    /** At most this much of the end of the file is read. */
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    /** The last {@code count} lines of {@code file}, or a note saying why there are none. */
    static String lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            if (size < length && !lines.isEmpty()) {
                // the first line is probably cut
                lines = lines.subList(1, lines.size());
            }
            if (lines.isEmpty() || lines.size() == 1 && lines.get(0).isEmpty()) {
                return "(log file " + file + " is empty)";
            }
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(cannot read log file " + file + ": " + e.getMessage() + ")";
        }
    }
}
