package dev.quarry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, for tests of a server that answers slowly: while {@link #slow}
 * is set, what the server sends back is held that long before it is passed on. Requests always pass at once.
 */
public final class SlowProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private volatile Duration delay = Duration.ZERO;

    private SlowProxy(ServerSocket listener, String host, int port) {
        this.listener = listener;
        this.host = host;
        this.port = port;
    }

    /** Starts a proxy to {@code host:port} on a free port. */
    public static SlowProxy to(String host, int port) {
        try {
            SlowProxy proxy = new SlowProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
            Thread.ofVirtual().name("slow-proxy").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, answers wait {@code delay} before they go on (zero: none). */
    public void slow(Duration newDelay) {
        delay = newDelay;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                Thread.ofVirtual().start(() -> pump(client, server, false));
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                // Closed: the proxy is done.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                Duration wait = delay;
                // The slowness being simulated: a server that takes this long to answer.
                if (delayed && !wait.isZero()) Thread.sleep(wait);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // Either side closed the connection: both are closed with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing to release beyond the socket.
        }
    }
}
