package dev.dbshift.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that accepts connections and never says a word, as a stopped server behind a proxy or a black-holed
 * port does to a driver; closing it ends every connection it took (the driver then sees the server go away).
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> taken = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    taken.add(socket.accept());
                }
            } catch (IOException closed) {
                // closed by the test
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections taken so far. */
    public int accepted() {
        return taken.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : taken) {
            s.close();
        }
    }
}
