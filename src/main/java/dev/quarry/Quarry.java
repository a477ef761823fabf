package dev.quarry;

import dev.quarry.chat.ChatDeploymentConfig;
import dev.quarry.chat.ChatModel;
import dev.quarry.chat.OpenAiChatModel;
import dev.quarry.collection.Collection;
import dev.quarry.collection.CollectionFactory;
import dev.quarry.collection.Collections;
import dev.quarry.config.QuarryConfig;
import dev.quarry.embed.ModelLoader;
import dev.quarry.metrics.QuarryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The composition root: builds the one factory every entry point uses (server, command line, evaluation), and the
 * collections from it, and closes them in reverse order.
 */
public final class Quarry implements AutoCloseable {

    private final QuarryConfig config;
    private final QuarryMetrics metrics;
    private final CollectionFactory factory;
    private final CompletableFuture<Collections> collections;

    private Quarry(QuarryConfig config, QuarryMetrics metrics, CollectionFactory factory, CompletableFuture<Collections> collections) {
        this.config = config;
        this.metrics = metrics;
        this.factory = factory;
        this.collections = collections;
    }

    /** Opens every collection for serving; chat deployments and remote embedders read their keys from {@code env}. */
    public static Quarry open(QuarryConfig config, Map<String, String> env) {
        return open(config, env, ModelLoader.configured(env));
    }

    public static Quarry open(QuarryConfig config) {
        return open(config, System.getenv());
    }

    /** With {@code models} loading the embedding models: tests serve every route with a small fake one. */
    public static Quarry open(QuarryConfig config, Map<String, String> env, ModelLoader models) {
        QuarryMetrics metrics = new QuarryMetrics();
        CollectionFactory factory = factory(config, env, metrics, models);
        try {
            return new Quarry(config, metrics, factory, CompletableFuture.completedFuture(Collections.open(factory)));
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /**
     * Starts opening every collection for serving on a thread of its own and returns at once: the server starts
     * listening while the models load and the indexes open, which take most of a start. {@link #collections()} waits
     * for them, and throws what stopped them; {@link #opened()} says whether they are open.
     */
    public static Quarry startOpening(QuarryConfig config, Map<String, String> env) {
        QuarryMetrics metrics = new QuarryMetrics();
        CollectionFactory factory = factory(config, env, metrics, ModelLoader.configured(env));
        CompletableFuture<Collections> opening = new CompletableFuture<>();
        Thread.ofPlatform().name("quarry-open").start(() -> {
            try {
                opening.complete(Collections.open(factory));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        });
        return new Quarry(config, metrics, factory, opening);
    }

    /**
     * Opens one collection ({@code null}: the default) for searching only: the command line can search while a
     * server owns the index.
     */
    public static Quarry openReadOnly(QuarryConfig config, Map<String, String> env, String collection) {
        QuarryMetrics metrics = new QuarryMetrics();
        CollectionFactory factory = factory(config, env, metrics, ModelLoader.configured(env));
        try {
            return new Quarry(config, metrics, factory, CompletableFuture.completedFuture(Collections.openReadOnly(factory, collection)));
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /**
     * The factory alone, without chat deployments, for commands that build or measure indexes (eval, regress,
     * rebuild, collections).
     */
    public static CollectionFactory factory(QuarryConfig config, Map<String, String> env) {
        return new CollectionFactory(config, new QuarryMetrics(), ModelLoader.configured(env), List.of());
    }

    private static CollectionFactory factory(QuarryConfig config, Map<String, String> env, QuarryMetrics metrics,
                                             ModelLoader models) {
        List<ChatModel> chatModels = new ArrayList<>();
        try {
            for (ChatDeploymentConfig d : config.chatDeployments()) chatModels.add(new OpenAiChatModel(d, env));
        } catch (RuntimeException e) {
            chatModels.forEach(ChatModel::close);
            throw e;
        }
        return new CollectionFactory(config, metrics, models, chatModels);
    }

    public QuarryConfig config() {
        return config;
    }

    public QuarryMetrics metrics() {
        return metrics;
    }

    /** The collections, once open (waiting for them while they open). */
    public Collections collections() {
        try {
            return collections.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /** Whether every collection is open, so that searches are answered without waiting. */
    public boolean opened() {
        return collections.isDone() && !collections.isCompletedExceptionally();
    }

    /** The named collection ({@code null}: the default one). */
    public Collection collection(String name) {
        String wanted = name == null ? collections().defaultName() : name;
        return collections().get(wanted).orElseThrow(() -> collections().unknown(wanted, "collection"));
    }

    /** The collection that requests naming none use. */
    public Collection defaultCollection() {
        return collections().defaultCollection();
    }

    /** Closes the collections, once they have finished opening if they still are (a model load runs to its end). */
    @Override
    public void close() {
        try {
            Collections opened = collections.exceptionally(failure -> null).join();
            if (opened != null) opened.close();
        } finally {
            factory.close();
        }
    }
}
