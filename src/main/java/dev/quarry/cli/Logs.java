package dev.quarry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import dev.quarry.api.ApiServer;
import dev.quarry.ingest.FolderWatcher;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a command's log goes: always to {@code <data>/logs/quarry.log}, and to standard error only as {@link Console}
 * says, so that a command's output is what the user reads. Closing restores the console-only setup of
 * {@link LogbackConfigurator} (tests run several commands in one JVM).
 */
final class Logs implements AutoCloseable {

    /** What the log shows on standard error besides the file. */
    enum Console {
        /** One-shot commands: errors only (a damaged index found while searching); the rest is in the file. */
        QUIET,
        /**
         * {@code serve}: someone watches the console of a server, so it says where it listens, when it syncs and
         * stops, and every warning and error as it happens; per-request and start-up details stay in the file.
         */
        SERVER,
        /** {@code --verbose}: everything, as it is written to the file. */
        VERBOSE
    }

    static final String FILE_NAME = "quarry.log";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";
    /** The loggers whose INFO lines are a server's lifecycle. */
    private static final Set<String> LIFECYCLE = Set.of(ApiServer.class.getName(), ServeCommand.class.getName(),
            FolderWatcher.class.getName());

    private final ch.qos.logback.classic.Logger root;
    private final Appender<ILoggingEvent> console;
    private final LazyFile file;

    private Logs(ch.qos.logback.classic.Logger root, Appender<ILoggingEvent> console, LazyFile file) {
        this.root = root;
        this.console = console;
        this.file = file;
    }

    static Logs start(Path dataDir, Console mode) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return new Logs(null, null, null);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // The configured console appender: tests and benchmarks, which do not run through Main, keep it as it is.
        Appender<ILoggingEvent> console = root.getAppender(LogbackConfigurator.CONSOLE);
        if (console != null) console.addFilter(filter(mode));
        LazyFile file = new LazyFile(file(dataDir));
        file.setContext(context);
        file.start();
        root.addAppender(file);
        return new Logs(root, console, file);
    }

    /** {@code <data>/logs/quarry.log}. */
    static Path file(Path dataDir) {
        return dataDir.resolve("logs").resolve(FILE_NAME);
    }

    private static Filter<ILoggingEvent> filter(Console mode) {
        return new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                boolean shown = switch (mode) {
                    case QUIET -> event.getLevel().isGreaterOrEqual(Level.ERROR);
                    case SERVER -> event.getLevel().isGreaterOrEqual(Level.WARN) || LIFECYCLE.contains(event.getLoggerName());
                    case VERBOSE -> true;
                };
                return shown ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        };
    }

    @Override
    public void close() {
        if (root == null) return;
        if (console != null) console.clearAllFilters();
        root.detachAppender(file);
        file.stop();
    }

    /**
     * The log file, opened at the first line logged: a command that fails before logging anything (a port in use, a
     * bad option) leaves no empty data folder behind. It rolls over at 10 MB and keeps three old files.
     */
    private static final class LazyFile extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Path path;
        private RollingFileAppender<ILoggingEvent> file;

        LazyFile(Path path) {
            this.path = path;
            setName("FILE");
        }

        @Override
        protected void append(ILoggingEvent event) {
            RollingFileAppender<ILoggingEvent> target;
            synchronized (this) {
                if (file == null) file = open();
                target = file;
            }
            target.doAppend(event);
        }

        private RollingFileAppender<ILoggingEvent> open() {
            RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
            appender.setContext(getContext());
            appender.setName("FILE");
            appender.setFile(path.toString());
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(getContext());
            rolling.setParent(appender);
            rolling.setFileNamePattern(path.resolveSibling("quarry.%i.log").toString());
            rolling.setMinIndex(1);
            rolling.setMaxIndex(3);
            rolling.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(getContext());
            trigger.setMaxFileSize(FileSize.valueOf("10MB"));
            trigger.start();
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(getContext());
            encoder.setPattern(PATTERN);
            encoder.start();
            appender.setRollingPolicy(rolling);
            appender.setTriggeringPolicy(trigger);
            appender.setEncoder(encoder);
            appender.start();
            return appender;
        }

        @Override
        public synchronized void stop() {
            if (file != null) file.stop();
            file = null;
            super.stop();
        }
    }
}
