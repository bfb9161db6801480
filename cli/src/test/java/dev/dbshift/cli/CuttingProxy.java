package dev.dbshift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy from 127.0.0.1:{@link #port()} to a database server that can cut every connection
 * through it at once, with a reset on both sides, as a failing network or a restarted load balancer
 * would. New connections are still accepted after a cut.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int serverPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CuttingProxy(String host, int serverPort) throws IOException {
        this.host = host;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, serverPort);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
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
