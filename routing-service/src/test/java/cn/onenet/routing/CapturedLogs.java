package cn.onenet.routing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The lines some classes log while it is open (as in the trace test): what an operator would find in the logs. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = new ArrayList<>();

    private CapturedLogs(Class<?>... sources) {
        appender.start();
        for (Class<?> source : sources) {
            Logger logger = (Logger) LoggerFactory.getLogger(source);
            logger.addAppender(appender);
            loggers.add(logger);
        }
    }

    public static CapturedLogs of(Class<?>... sources) {
        return new CapturedLogs(sources);
    }

    /** The lines whose message contains every one of the texts, in the order they were logged. */
    public List<ILoggingEvent> containing(String... texts) {
        List<ILoggingEvent> lines;
        // the appender adds under its own lock
        synchronized (appender) {
            lines = new ArrayList<>(appender.list);
        }
        return lines.stream().filter(line -> {
            for (String text : texts) {
                if (!line.getFormattedMessage().contains(text)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** A line's structured fields (SLF4J key-value pairs), by key. */
    public static Map<String, Object> fields(ILoggingEvent line) {
        List<KeyValuePair> pairs = line.getKeyValuePairs() == null ? List.of() : line.getKeyValuePairs();
        return pairs.stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value, (a, b) -> b));
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(appender));
        appender.stop();
    }
}
