package cn.onenet.contracts.launcher;

import java.time.Instant;

/**
 * One log line in the shape the services write theirs (Spring Boot's structured logging, Elastic Common Schema):
 * {@code @timestamp}, {@code log.level}, {@code log.logger}, {@code process.pid}, {@code process.thread.name},
 * {@code service.name}, {@code message}, {@code ecs.version}. The launcher and {@link LauncherWatch} write theirs
 * into a service's log file this way, so that every line of it is a JSON object ({@code jq} reads it whole).
 */
public final class EcsLine {

    /** The version Spring Boot's ECS format names. */
    static final String ECS_VERSION = "8.11";

    private EcsLine() {
    }

    /**
     * @param level       {@code INFO}, {@code WARN}, {@code ERROR}, …
     * @param logger      who writes it, e.g. a class name
     * @param serviceName the service whose log it is; null leaves {@code service} out
     * @param message     the text, any characters
     * @return the JSON object on one line, without a line separator
     */
    public static String of(Instant time, String level, String logger, String serviceName, String message) {
        StringBuilder line = new StringBuilder(160 + message.length());
        line.append("{\"@timestamp\":");
        quote(line, time.toString());
        line.append(",\"log\":{\"level\":");
        quote(line, level);
        line.append(",\"logger\":");
        quote(line, logger);
        line.append("},\"process\":{\"pid\":").append(ProcessHandle.current().pid()).append(",\"thread\":{\"name\":");
        quote(line, Thread.currentThread().getName());
        line.append("}}");
        if (serviceName != null) {
            line.append(",\"service\":{\"name\":");
            quote(line, serviceName);
            line.append('}');
        }
        line.append(",\"message\":");
        quote(line, message);
        line.append(",\"ecs\":{\"version\":\"").append(ECS_VERSION).append("\"}}");
        return line.toString();
    }

    /** Appends {@code text} as a JSON string (RFC 8259 escapes). */
    private static void quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
