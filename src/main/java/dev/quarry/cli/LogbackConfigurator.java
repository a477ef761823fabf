package dev.quarry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code (found through META-INF/services) instead of a logback.xml: reading the XML took
 * about a third of a second of every command, a search through a running server included. Every log line goes to
 * standard error (the appender {@value #CONSOLE}, which {@link Logs} filters per command and adds the log file to),
 * at {@code QUARRY_LOG_LEVEL} (default INFO), with Jetty and Javalin at WARN and the tokenizer's library and the MCP
 * SDK's argument check at ERROR.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    static final String CONSOLE = "STDERR";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // java.util.logging (Lucene) reaches us through the SLF4J bridge; this keeps its level checks cheap.
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("QUARRY_LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        // A caller's argument that breaks a tool's schema is answered as a tool error; it is not the server's warning.
        context.getLogger("io.modelcontextprotocol.util.ToolInputValidator").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A system property, else the environment variable of that name, as logback.xml's variables were looked up. */
    private static String setting(String name) {
        String property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
