package dev.imagepipeline.web.limit;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The log events of every logger while it is open, down to DEBUG: Lettuce's own included. */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level level = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    /** Each event of the limiter's logger at this level or above, as its message. */
    List<String> ofLimiter(Level threshold) {
        return events().stream()
                .filter(event -> event.getLoggerName().equals(RedisRateLimiter.class.getName()))
                .filter(event -> event.getLevel().isGreaterOrEqual(threshold))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Everything logged, with the messages of the exceptions, to look for what must never be there. */
    String all() {
        var text = new StringBuilder();
        for (var event : events()) {
            text.append(event.getFormattedMessage()).append('\n');
            for (var cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                text.append(cause.getClassName()).append(": ").append(cause.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.setLevel(level);
        root.detachAppender(appender);
    }

    private List<ILoggingEvent> events() {
        // Logback appends while holding the appender's lock.
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }
}
