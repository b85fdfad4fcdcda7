package io.pooldesk.cluster;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;

/**
 * A plain-HTTP proxy on loopback in front of the real API server: every request is forwarded and answered, except
 * those {@code drop} picks, which the server receives and carries out while the client's connection is closed
 * before any answer: a lost response; and those {@code cut} picks, whose connection is closed before they reach the
 * server: a lost request.
 */
final class ResponseDroppingProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "accept-encoding");

    private final ServerSocket listener;
    private final HttpClient upstream;
    private final String server;
    private final BiPredicate<String, String> drop;
    private final BiPredicate<String, String> cut;
    /** "METHOD path" of every request whose answer was dropped (the server carried it out). */
    final List<String> dropped = new CopyOnWriteArrayList<>();
    /** "METHOD path" of every request cut before it reached the server. */
    final List<String> cutOff = new CopyOnWriteArrayList<>();

    ResponseDroppingProxy(String server, Path caCertificate, BiPredicate<String, String> drop) throws Exception {
        this(server, caCertificate, drop, (method, path) -> false);
    }

    ResponseDroppingProxy(String server, Path caCertificate, BiPredicate<String, String> drop,
                          BiPredicate<String, String> cut) throws Exception {
        this.server = server.replaceAll("/$", "");
        this.drop = drop;
        this.cut = cut;
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        upstream = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "response-dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread connection = new Thread(() -> serve(client), "response-dropping-proxy-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream());
             OutputStream out = client.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                String method = parts[0];
                String path = parts[1];
                List<String[]> headers = new ArrayList<>();
                long length = 0;
                boolean chunked = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim();
                    String value = header.substring(colon + 1).trim();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (lower.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (lower.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                        chunked = true;
                    }
                    if (!NOT_FORWARDED.contains(lower)) {
                        headers.add(new String[] {name, value});
                    }
                }
                byte[] body = chunked ? chunked(in) : in.readNBytes((int) length);
                if (cut.test(method, path)) {
                    cutOff.add(method + " " + path);
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                                && !method.equals("PATCH") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                headers.forEach(h -> request.header(h[0], h[1]));
                HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (drop.test(method, path)) {
                    dropped.add(method + " " + path);
                    return;
                }
                StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.statusCode()).append(" X\r\n");
                response.headers().firstValue("content-type")
                        .ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
                head.append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(response.body());
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        line(in);
        return body.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
