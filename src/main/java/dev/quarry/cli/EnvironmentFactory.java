package dev.quarry.cli;

import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/** Creates subcommands with the environment they read their configuration from. */
final class EnvironmentFactory implements CommandLine.IFactory {

    private final Map<String, String> env;

    EnvironmentFactory(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> withEnv = type.getDeclaredConstructor(Map.class);
            return withEnv.newInstance(env);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
