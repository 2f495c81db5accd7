package org.semper.tsa.clock;

import org.jboss.logmanager.formatters.PatternFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one class logs (through JBoss Logging on the JBoss LogManager, as configured for Surefire). */
final class LogCapture extends Handler implements AutoCloseable {

    private static final PatternFormatter MESSAGE_ONLY = new PatternFormatter("%s");

    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Class<?> type) {
        this.logger = Logger.getLogger(type.getName());
        logger.addHandler(this);
    }

    static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    /** Formatted messages logged at exactly the given level (JUL scale: WARNING for WARN). */
    synchronized List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() == level.intValue())
                .map(LogCapture::text).toList();
    }

    synchronized void clear() {
        records.clear();
    }

    private static String text(LogRecord record) {
        return MESSAGE_ONLY.format(record);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
