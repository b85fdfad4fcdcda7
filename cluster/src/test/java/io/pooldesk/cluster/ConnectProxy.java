package io.pooldesk.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that tunnels CONNECT requests, as a corporate HTTPS proxy does. Host names in
 * {@code hosts} are resolved by the proxy alone (the client cannot resolve them), so a request that arrives proves
 * it came through the proxy.
 */
final class ConnectProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final Map<String, String> hosts;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** "host:port" of every tunnel asked for. */
    final List<String> tunnels = new CopyOnWriteArrayList<>();

    ConnectProxy(Map<String, String> hosts) throws IOException {
        this.hosts = hosts;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    open.add(client);
                    Thread tunnel = new Thread(() -> tunnel(client), "connect-proxy");
                    tunnel.setDaemon(true);
                    tunnel.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "connect-proxy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void tunnel(Socket client) {
        try {
            InputStream in = client.getInputStream();
            String request = line(in);
            while (!line(in).isEmpty()) {
                // headers, Proxy-Authorization among them, are not needed here
            }
            String[] parts = request.split(" ");
            if (parts.length < 2 || !parts[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Only CONNECT\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            tunnels.add(parts[1]);
            int colon = parts[1].lastIndexOf(':');
            String host = parts[1].substring(0, colon).toLowerCase(Locale.ROOT);
            Socket upstream = new Socket(hosts.getOrDefault(host, host), Integer.parseInt(parts[1].substring(colon + 1)));
            open.add(upstream);
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Thread back = new Thread(() -> relay(upstream, client), "connect-proxy-relay");
            back.setDaemon(true);
            back.start();
            relay(client, upstream);
        } catch (IOException | RuntimeException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
