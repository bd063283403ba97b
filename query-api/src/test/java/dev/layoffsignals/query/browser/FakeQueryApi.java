package dev.layoffsignals.query.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A stand-in for the query API in browser tests: serves the real dashboard files from the classpath
 * ({@code dashboard/index.html} at {@code /}, {@code /app.js}, {@code /app.css}) and canned JSON
 * from {@code browser/*.json} on the test classpath, on 127.0.0.1 and a free port.
 *
 * <p>{@code GET /api/announcements} and {@code /api/reactions} filter the canned list by the
 * {@code ticker} parameter when there is one; other parameters are recorded, not applied.
 * {@code GET /api/reactions/{id}} answers the reaction or 404, {@code /api/windows} the monthly
 * market series. {@link #unavailable(boolean)} makes every {@code /api/} call answer 503 with
 * {@code Retry-After: 1}, as the app does while it is not running.
 */
final class FakeQueryApi implements AutoCloseable {

    static final String INSTANCE = "127.0.0.1:7070";
    /** Ticker symbols the real API accepts ({@code RoutingKeys.SYMBOL}). */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9^][A-Z0-9.^=\\-]{0,14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> fixtures = new HashMap<>();
    private volatile boolean unavailable;

    private FakeQueryApi() throws IOException {
        for (String name : List.of("announcements", "reactions", "windows-market-month")) {
            fixtures.put(name, readJson("browser/" + name + ".json"));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeQueryApi start() {
        try {
            return new FakeQueryApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL, ending with a slash: {@code http://127.0.0.1:PORT/}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Every request received so far, as path plus query ({@code /api/windows?dimension=market&period=month}). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** While true, every {@code /api/} request answers 503 with {@code Retry-After: 1}. */
    void unavailable(boolean value) {
        unavailable = value;
    }

    /** Puts an announcement at the top of the canned list (the list is sorted newest first). */
    synchronized void addLatestAnnouncement(ObjectNode announcement) {
        ObjectNode body = fixtures.get("announcements").deepCopy();
        ArrayNode list = (ArrayNode) body.get("announcements");
        list.insert(0, announcement);
        body.put("count", list.size());
        fixtures.put("announcements", body);
    }

    /** A canned announcement, as a mutable copy (to derive new announcements from). */
    synchronized ObjectNode announcement(String announcementId) {
        for (JsonNode a : fixtures.get("announcements").get("announcements")) {
            if (a.get("announcement_id").asText().equals(announcementId)) {
                return a.deepCopy();
            }
        }
        throw new IllegalArgumentException("No canned announcement " + announcementId);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static JsonNode readJson(String resource) throws IOException {
        try (InputStream in = FakeQueryApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing test resource " + resource);
            }
            return JSON.readTree(in);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(query == null ? path : path + "?" + query);
            if (!"GET".equals(exchange.getRequestMethod())) {
                sendJson(exchange, 405, error("method not allowed"));
            } else if (path.startsWith("/api/")) {
                api(exchange, path, params(query));
            } else {
                staticFile(exchange, path);
            }
        }
    }

    private void staticFile(HttpExchange exchange, String path) throws IOException {
        String file = switch (path) {
            case "/", "/index.html" -> "index.html";
            case "/app.js" -> "app.js";
            case "/app.css" -> "app.css";
            default -> null;
        };
        byte[] body = null;
        if (file != null) {
            try (InputStream in = FakeQueryApi.class.getClassLoader().getResourceAsStream("dashboard/" + file)) {
                body = in == null ? null : in.readAllBytes();
            }
        }
        if (body == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        send(exchange, 200, type, body);
    }

    private synchronized void api(HttpExchange exchange, String path, Map<String, String> params) throws IOException {
        if (unavailable) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            sendJson(exchange, 503, error("the streams application is not running (state: REBALANCING)"));
            return;
        }
        String refused = refusedParameters(path, params);
        if (refused != null) {
            sendJson(exchange, 400, error(refused));
            return;
        }
        String ticker = params.get("ticker");
        switch (path) {
            case "/api/announcements" -> sendJson(exchange, 200, filtered("announcements", "announcements", ticker));
            case "/api/reactions" -> sendJson(exchange, 200, filtered("reactions", "reactions", ticker));
            case "/api/windows" -> {
                if ("market".equals(params.get("dimension")) && "month".equals(params.get("period"))) {
                    sendJson(exchange, 200, fixtures.get("windows-market-month"));
                } else {
                    sendJson(exchange, 400, error("this fake serves dimension=market&period=month only"));
                }
            }
            default -> {
                if (path.startsWith("/api/reactions/")) {
                    String id = URLDecoder.decode(path.substring("/api/reactions/".length()), StandardCharsets.UTF_8);
                    for (JsonNode r : fixtures.get("reactions").get("reactions")) {
                        if (r.get("announcement_id").asText().equals(id)) {
                            ObjectNode body = JSON.createObjectNode().put("instance", INSTANCE);
                            body.set("reaction", r);
                            sendJson(exchange, 200, body);
                            return;
                        }
                    }
                    sendJson(exchange, 404, error("no reaction for announcement " + id));
                } else {
                    sendJson(exchange, 404, error("no such endpoint: " + path));
                }
            }
        }
    }

    /** What the real API answers 400 to: unknown parameters and malformed values. */
    private static String refusedParameters(String path, Map<String, String> params) {
        Set<String> known = path.equals("/api/windows") ? Set.of("dimension", "key", "period", "from", "to", "limit")
                : path.startsWith("/api/reactions/") || path.equals("/api/instances") ? Set.of()
                : Set.of("ticker", "from", "to", "limit");
        for (Map.Entry<String, String> p : params.entrySet()) {
            String value = p.getValue();
            if (!known.contains(p.getKey())) {
                return "unknown query parameter '" + p.getKey() + "'";
            }
            boolean bad = switch (p.getKey()) {
                case "ticker" -> !value.isEmpty() && !SYMBOL.matcher(value).matches();
                case "limit" -> !value.isEmpty()
                        && (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 1000);
                case "from", "to" -> !value.isEmpty() && !value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*Z)?");
                default -> false;
            };
            if (bad) {
                return "malformed " + p.getKey() + ": '" + value + "'";
            }
        }
        return null;
    }

    private JsonNode filtered(String fixture, String field, String ticker) {
        JsonNode all = fixtures.get(fixture);
        if (ticker == null || ticker.isEmpty()) {
            return all;
        }
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode item : all.get(field)) {
            if (ticker.equals(item.path("ticker").asText(null))) {
                kept.add(item);
            }
        }
        ObjectNode body = JSON.createObjectNode().put("instance", INSTANCE).put("count", kept.size());
        body.set(field, kept);
        return body;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("instance", INSTANCE).put("error", message);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
