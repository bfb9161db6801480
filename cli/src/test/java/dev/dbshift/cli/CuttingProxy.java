package dev.dbshift.cli;

import dev.dbshift.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy from 127.0.0.1:{@link #port()} to a database server that can cut every connection
 * through it at once, with a reset on both sides, as a failing network or a restarted load balancer
 * would. New connections are still accepted after a cut. It can also stall a connection by what it
 * sends ({@link #stallWhenSent}): the connection stays open and nothing more of it reaches the server,
 * as behind a proxy that queues work beyond its pool.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int serverPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile String stallMarker;
    private volatile String unlessSentBefore;
    private final AtomicInteger stalled = new AtomicInteger();

    CuttingProxy(String host, int serverPort) throws IOException {
        this.host = host;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of {@code db}'s server. */
    static CuttingProxy inFrontOf(TestDatabase db) throws IOException {
        return new CuttingProxy("127.0.0.1", URI.create(db.url().substring("jdbc:".length())).getPort());
    }

    int port() {
        return listener.getLocalPort();
    }

    /** {@code db}'s URL, through this proxy. */
    String url(TestDatabase db) {
        return db.url().replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + port());
    }

    /**
     * From now on, a connection that sends {@code marker} before it ever sent {@code unlessSentBefore} stalls there:
     * that read and everything after it is dropped, and the connection stays open. (Each is looked for within one read
     * from the client's socket, which holds a whole query of these tests.)
     */
    void stallWhenSent(String marker, String unlessSentBefore) {
        this.unlessSentBefore = unlessSentBefore;
        this.stallMarker = marker;
    }

    /** How many connections {@link #stallWhenSent} stalled. */
    int stalled() {
        return stalled.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, serverPort);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            boolean guarded = false;
            boolean stalling = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    String marker = stallMarker;
                    if (fromClient && marker != null && !stalling) {
                        String sent = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                        guarded |= sent.contains(unlessSentBefore);
                        if (!guarded && sent.contains(marker)) {
                            stalling = true;
                            stalled.incrementAndGet();
                        }
                    }
                    if (stalling) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or closed by one side
            } finally {
                close(from);
                close(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Cuts every open connection: both the client's and the server's side get a reset. */
    void cutAll() {
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // RST, not FIN
            } catch (IOException ignored) {
                // already closed
            }
            close(s);
        }
        open.clear();
    }

    private void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.remove(s);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
