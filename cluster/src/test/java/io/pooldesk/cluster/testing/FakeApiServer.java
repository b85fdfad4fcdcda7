package io.pooldesk.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Kubernetes API server fake on loopback, in plain sockets, for the ways a real one (or the network to it)
 * misbehaves that fabric8's mock server cannot play: an answer lost after the write was committed, a reset, a body
 * trickled one byte at a time, garbage. By default it keeps custom resources in memory (list, get, create, update,
 * dry-runs echoed and not kept; discovery lists nothing); {@link #when} puts a misbehaviour in front of that.
 * One connection per request ({@code Connection: close}).
 */
public final class FakeApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the fake read it. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        public boolean isWrite() {
            return !method.equals("GET");
        }

        public boolean isDryRun() {
            return path.contains("dryRun=All");
        }
    }

    /** What the fake does with a request, the connection in hand. */
    public interface Answer {
        void answer(FakeApiServer server, Request request, Socket socket) throws IOException;
    }

    private record Rule(Predicate<Request> matches, Answer answer, boolean once) {
    }

    private final ServerSocket socket;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> objects = Collections.synchronizedMap(new TreeMap<>());
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private int resourceVersion = 100;
    private volatile boolean closed;

    public FakeApiServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "fake api server");
        accept.setDaemon(true);
        accept.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Answers matching requests with {@code answer} ahead of the store; a rule given {@code once} is used once. */
    public FakeApiServer when(Predicate<Request> matches, Answer answer, boolean once) {
        rules.add(new Rule(matches, answer, once));
        return this;
    }

    public FakeApiServer when(Predicate<Request> matches, Answer answer) {
        return when(matches, answer, false);
    }

    /** Forgets every misbehaviour: the store answers again. */
    public void behave() {
        rules.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The writes received (dry-runs included), as {@code METHOD path}. */
    public List<String> writes() {
        return requests.stream().filter(Request::isWrite).map(r -> r.method + " " + r.path).toList();
    }

    /** Puts an object in the store at the collection path it would be listed under. */
    public void put(String collection, String objectJson) throws IOException {
        ObjectNode object = (ObjectNode) JSON.readTree(objectJson);
        ((ObjectNode) object.with("metadata")).put("resourceVersion", String.valueOf(++resourceVersion));
        objects.put(collection + "/" + object.path("metadata").path("name").asText(), object);
    }

    public ObjectNode stored(String collection, String name) {
        return objects.get(collection + "/" + name);
    }

    // ---- answers

    public static Answer json(int status, String body) {
        return (server, request, socket) -> respond(socket, status, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** A Kubernetes Status of {@code code} whose message is {@code message}. */
    public static Answer status(int code, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Failure").put("message", message).put("code", code);
        return json(code, status.toString());
    }

    /** The store's own answer. */
    public static Answer store() {
        return FakeApiServer::fromStore;
    }

    /** The request is done (a write kept), then the connection is reset before any answer. */
    public static Answer commitThenReset() {
        return (server, request, socket) -> {
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            server.apply(request, ignored);
            reset(socket);
        };
    }

    /** The connection is reset without an answer; nothing is done. */
    public static Answer reset() {
        return (server, request, socket) -> reset(socket);
    }

    /** A 200 whose body is not JSON. */
    public static Answer garbage(String text) {
        return (server, request, socket) -> respond(socket, 200, text.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** The store's answer, one byte every {@code millisPerByte}. */
    public static Answer trickle(long millisPerByte) {
        return (server, request, socket) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int code = server.apply(request, body);
            respond(socket, code, body.toByteArray(), millisPerByte);
        };
    }

    /** Reads the request and never answers. */
    public static Answer silence() {
        return (server, request, socket) -> {
            while (!server.closed && !socket.isClosed()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        };
    }

    // ---- plumbing

    private void accept() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread handler = new Thread(() -> handle(client), "fake api server request");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            Request request = read(new BufferedInputStream(client.getInputStream()));
            if (request == null) {
                return;
            }
            requests.add(request);
            Answer answer = FakeApiServer.store();
            for (Rule rule : rules) {
                if (rule.matches.test(request)) {
                    answer = rule.answer;
                    if (rule.once) {
                        rules.remove(rule);
                    }
                    break;
                }
            }
            answer.answer(this, request, client);
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(client);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).trim(), 16)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = out.toByteArray();
        } else {
            body = new byte[0];
        }
        return new Request(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                out.write(c);
            }
        }
        return c < 0 && out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
    }

    private static void respond(Socket socket, int code, byte[] body, long millisPerByte) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + code + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        if (millisPerByte <= 0) {
            out.write(body);
        } else {
            for (byte b : body) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(millisPerByte);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        out.flush();
        socket.shutdownOutput();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void fromStore(FakeApiServer server, Request request, Socket socket) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int code = server.apply(request, body);
        respond(socket, code, body.toByteArray(), 0);
    }

    /** Serves the request from the store; returns the status code, the body written to {@code out}. */
    private synchronized int apply(Request request, ByteArrayOutputStream out) throws IOException {
        String path = request.path.split("\\?")[0];
        String[] segments = path.substring(1).split("/");
        // /apis/{group}/{version}: discovery lists nothing, so an empty kind reads as not installed
        if (segments.length == 3 && segments[0].equals("apis")) {
            write(out, JSON.createObjectNode().put("kind", "Status").put("code", 404).put("message", "not found"));
            return 404;
        }
        boolean namedAtEnd = segments.length == 5 || segments.length == 7;
        String collection = namedAtEnd ? path.substring(0, path.lastIndexOf('/')) : path;
        String name = namedAtEnd ? segments[segments.length - 1] : null;
        switch (request.method) {
            case "GET" -> {
                if (name != null) {
                    ObjectNode object = objects.get(collection + "/" + name);
                    if (object == null) {
                        write(out, notFound());
                        return 404;
                    }
                    write(out, object);
                    return 200;
                }
                ArrayNode items = JSON.createArrayNode();
                String plural = segments[segments.length - 1];
                synchronized (objects) {
                    objects.forEach((key, object) -> {
                        if (key.substring(0, key.lastIndexOf('/')).endsWith("/" + plural)
                                && key.startsWith("/apis/" + segments[1] + "/" + segments[2] + "/")) {
                            items.add(object);
                        }
                    });
                }
                ObjectNode list = JSON.createObjectNode().put("apiVersion", segments[1] + "/" + segments[2])
                        .put("kind", "List");
                list.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersion));
                list.set("items", items);
                write(out, list);
                return 200;
            }
            case "POST", "PUT" -> {
                ObjectNode object = (ObjectNode) JSON.readTree(request.body);
                String objectName = object.path("metadata").path("name").asText();
                String key = collection + "/" + (name != null ? name : objectName);
                ObjectNode existing = objects.get(key);
                if (request.method.equals("POST") && existing != null) {
                    write(out, JSON.createObjectNode().put("kind", "Status").put("code", 409)
                            .put("reason", "AlreadyExists").put("message", "already exists"));
                    return 409;
                }
                if (request.method.equals("PUT") && (existing == null || !existing.path("metadata")
                        .path("resourceVersion").asText().equals(object.path("metadata").path("resourceVersion")
                                .asText()))) {
                    write(out, JSON.createObjectNode().put("kind", "Status").put("code", 409)
                            .put("reason", "Conflict").put("message", "the object has been modified"));
                    return 409;
                }
                if (!request.isDryRun()) {
                    object.with("metadata").put("resourceVersion", String.valueOf(++resourceVersion));
                    objects.put(key, object);
                }
                write(out, object);
                return request.method.equals("POST") ? 201 : 200;
            }
            default -> {
                write(out, JSON.createObjectNode().put("kind", "Status").put("code", 405).put("message", "no"));
                return 405;
            }
        }
    }

    private static JsonNode notFound() {
        return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", "NotFound").put("code", 404).put("message", "not found");
    }

    private static void write(ByteArrayOutputStream out, JsonNode node) throws IOException {
        out.write(JSON.writeValueAsBytes(node));
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket client : new ArrayList<>(open)) {
            client.close();
        }
    }
}
