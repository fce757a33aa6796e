package dev.imagepipeline.generation.image;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/** Every log event of every logger, down to DEBUG, while it is open: wire logs of the HTTP client included. */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level level = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    /** Each event at this level or above, as its message and the messages of its exceptions. */
    List<String> atLeast(Level threshold) {
        var lines = new ArrayList<String>();
        for (var event : List.copyOf(appender.list)) {
            if (event.getLevel().isGreaterOrEqual(threshold)) {
                lines.add(event.getFormattedMessage() + describe(event.getThrowableProxy()));
            }
        }
        return lines;
    }

    @Override
    public void close() {
        root.setLevel(level);
        root.detachAppender(appender);
    }

    private static String describe(IThrowableProxy throwable) {
        var text = new StringBuilder();
        for (var cause = throwable; cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
