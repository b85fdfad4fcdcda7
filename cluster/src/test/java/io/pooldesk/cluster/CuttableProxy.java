package io.pooldesk.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of the real API server (TLS passes through untouched, so the server's certificate,
 * issued for 127.0.0.1, still matches). {@link #cut()} drops every connection and refuses new ones, as a network
 * that went away; {@link #restore()} lets them through again.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    CuttableProxy(String serverUrl) throws IOException {
        URI server = URI.create(serverUrl);
        host = server.getHost();
        port = server.getPort();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cuttable-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The server's URL through this relay. */
    String url() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    /** Drops every connection now and every new one until {@link #restore()}. */
    synchronized void cut() {
        cut = true;
        open.forEach(CuttableProxy::quietlyClose);
        open.clear();
    }

    synchronized void restore() {
        cut = false;
    }

    /** Relays {@code client} to the server, or drops it while cut. */
    private synchronized void connect(Socket client) throws IOException {
        if (cut) {
            quietlyClose(client);
            return;
        }
        Socket upstream = new Socket(host, port);
        open.add(client);
        open.add(upstream);
        relay(client, upstream);
        relay(upstream, client);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                connect(listener.accept());
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        }, "cuttable-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }
}
