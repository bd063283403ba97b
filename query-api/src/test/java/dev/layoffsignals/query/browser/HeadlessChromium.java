package dev.layoffsignals.query.browser;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, for browser tests of the dashboard.
 * No Selenium, no Playwright: the JDK's {@link WebSocket} and Jackson.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (HeadlessChromium chromium = HeadlessChromium.launch()) {   // skips the test without Chromium
 *     chromium.navigate("http://127.0.0.1:8080/");               // returns after the load event
 *     chromium.waitFor("document.querySelectorAll('#announcements tbody tr').length > 0",
 *             Duration.ofSeconds(10));
 *     String text = chromium.evaluate("document.title", String.class);
 *     assertThat(chromium.problems()).isEmpty();                 // console, exceptions, failed requests
 * }
 * }</pre>
 *
 * <p>The API: {@link #launch()}, {@link #navigate(String)}, {@link #evaluate(String)} (and its typed
 * variants, {@link #evaluateStrings(String)}), {@link #waitFor(String, Duration)}, {@link #problems()}
 * / {@link #problemsExcept(Predicate)} / {@link #awaitProblem(Predicate, Duration)} /
 * {@link #clearProblems()}, {@link #command(String, ObjectNode)} for any other DevTools command
 * (e.g. {@code Page.addScriptToEvaluateOnNewDocument}), and {@link #close()}.
 *
 * <p>What is recorded as a {@link Problem}, from the moment the page target is attached: every
 * console API call ({@code console.log}, {@code .warn}, {@code .error}, ... of any level), every
 * uncaught exception or unhandled rejection, every browser log entry except the {@code verbose}
 * level, every HTTP response with status 400 or more and every request that failed at the network
 * level (refused, reset, aborted...). A page in normal operation produces none. Note that Chromium
 * itself logs a {@code Log.entryAdded} (source {@code network}, level {@code error}: "Failed to load
 * resource: the server responded with a status of 503 ...") for every fetch answered 400 or more,
 * whatever the page does with the answer: a test that expects such answers (the app not running
 * yet) filters them with {@link #problemsExcept(Predicate)}.
 *
 * <p>One instance drives one page; it is not meant to be shared between threads, except that
 * {@link #problems()} may be read at any time. Chromium runs with a new temporary directory (profile,
 * and its config and cache directories through {@code XDG_CONFIG_HOME} / {@code XDG_CACHE_HOME}, so
 * nothing is written to {@code $HOME}); {@link #close()} kills the browser, every process it
 * started and its crash handlers, then deletes that directory.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian (and the CI image) install Chromium. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_PAUSE = Duration.ofMillis(50);
    private static final Pattern DEVTOOLS_LINE = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of thing went wrong in the page. */
    public enum Kind {
        /** A call to the console API ({@code console.error}, {@code console.log}, ...). */
        CONSOLE,
        /** An uncaught exception or an unhandled promise rejection. */
        EXCEPTION,
        /** A browser log entry (source network, javascript, security, deprecation, intervention...). */
        LOG,
        /** An HTTP response with status 400 or more. */
        HTTP_STATUS,
        /** A request that failed without an HTTP response (connection refused, aborted, blocked...). */
        LOADING_FAILED
    }

    /**
     * One thing the page did wrong.
     *
     * @param kind what kind of problem
     * @param level the console or log level ({@code error}, {@code warning}, {@code log}...), the
     *     HTTP status for {@link Kind#HTTP_STATUS}, {@code error} otherwise
     * @param text the message, the exception description, or the network error text
     * @param url the URL involved, or an empty string when unknown
     */
    public record Problem(Kind kind, String level, String text, String url) {
        @Override
        public String toString() {
            return kind + "[" + level + "] " + text + (url.isEmpty() ? "" : " (" + url + ")");
        }
    }

    private final Process process;
    private final Path tempDir;
    private final HttpClient httpClient;
    private final WebSocket webSocket;
    private final String sessionId;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> requestUrls = new ConcurrentHashMap<>();
    private final Deque<String> stderrTail;
    private final AtomicReference<CompletableFuture<Void>> loadEvent = new AtomicReference<>();
    private final Object sendLock = new Object();
    private volatile boolean closed;

    private HeadlessChromium(Process process, Path tempDir, String browserWsUrl, Deque<String> stderrTail) {
        this.process = process;
        this.tempDir = tempDir;
        this.stderrTail = stderrTail;
        this.httpClient = HttpClient.newHttpClient();
        this.webSocket = httpClient.newWebSocketBuilder()
                .connectTimeout(STARTUP_TIMEOUT)
                .buildAsync(URI.create(browserWsUrl), new Listener())
                .orTimeout(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        String targetId = command(null, "Target.createTarget", obj().put("url", "about:blank"))
                .path("targetId").asText();
        this.sessionId = command(null, "Target.attachToTarget",
                obj().put("targetId", targetId).put("flatten", true)).path("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
            command(sessionId, domain + ".enable", obj());
        }
    }

    /**
     * Starts a headless Chromium with a new temporary profile and opens a blank page. When
     * {@link #CHROMIUM} is absent, aborts the calling test with a JUnit assumption (the test is
     * reported as skipped, not failed).
     */
    public static HeadlessChromium launch() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser test skipped: no Chromium at " + CHROMIUM + " (Debian: apt-get install chromium)");
        Path profile;
        try {
            profile = Files.createTempDirectory("layoff-signals-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(CHROMIUM.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-extensions", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile.resolve("profile"), "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            // Chromium's crash handler and dconf write under the user's config and cache directories:
            // keep them in the temporary directory too, so nothing is left behind in $HOME
            builder.environment().put("XDG_CONFIG_HOME", profile.resolve("config").toString());
            builder.environment().put("XDG_CACHE_HOME", profile.resolve("cache").toString());
            process = builder.start();
            Deque<String> tail = new ArrayDeque<>();
            String wsUrl = readDevToolsUrl(process, tail);
            return new HeadlessChromium(process, profile, wsUrl, tail);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                killTree(process, profile);
            }
            deleteRecursively(profile);
            throw new IllegalStateException("Cannot start " + CHROMIUM + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads Chromium's stderr until the DevTools line, then keeps draining it on a daemon thread (a
     * full pipe would block Chromium). The last lines are kept for error messages.
     */
    private static String readDevToolsUrl(Process process, Deque<String> tail) throws IOException {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 50) {
                            tail.removeFirst();
                        }
                    }
                    Matcher m = DEVTOOLS_LINE.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process is gone; handled below
            }
            url.completeExceptionally(new IOException("Chromium exited before printing its DevTools URL"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for Chromium", e);
        } catch (ExecutionException | TimeoutException e) {
            String lines;
            synchronized (tail) {
                lines = String.join("\n", tail);
            }
            throw new IOException("No DevTools URL from Chromium within " + STARTUP_TIMEOUT
                    + "; its stderr:\n" + lines, e);
        }
    }

    /**
     * Loads {@code url} in the page and waits for its load event (HTML, scripts and stylesheets
     * loaded, deferred scripts run). Fetches the page starts afterwards are not awaited: use
     * {@link #waitFor}.
     */
    public void navigate(String url) {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        loadEvent.set(loaded);
        JsonNode result = command(sessionId, "Page.navigate", obj().put("url", url));
        if (result.hasNonNull("errorText") && !result.path("errorText").asText().isEmpty()) {
            throw new IllegalStateException("Navigation to " + url + " failed: " + result.path("errorText").asText());
        }
        try {
            loaded.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("No load event from " + url + " within " + COMMAND_TIMEOUT, e);
        }
        if (!url.startsWith("about:")) {
            // a late load event of the blank page cannot be mistaken for this one
            waitFor("document.readyState === 'complete' && location.protocol !== 'about:'", COMMAND_TIMEOUT);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page (promises are awaited) and returns its value as
     * JSON ({@code returnByValue}): a {@code NullNode} / {@code MissingNode} for null / undefined.
     *
     * @throws IllegalStateException when the expression throws
     */
    public JsonNode evaluate(String expression) {
        JsonNode result = command(sessionId, "Runtime.evaluate", obj()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.path("exceptionDetails");
            String description = details.path("exception").path("description").asText(details.path("text").asText());
            throw new IllegalStateException("JavaScript `" + expression + "` threw: " + description);
        }
        return result.path("result").path("value");
    }

    /** Evaluates a JavaScript expression and converts its JSON value, e.g. to String, Integer, Boolean or List. */
    public <T> T evaluate(String expression, Class<T> type) {
        return JSON.convertValue(evaluate(expression), type);
    }

    /** Evaluates a JavaScript expression and converts its JSON value to a generic type, e.g. {@code Map<String, String>}. */
    public <T> T evaluate(String expression, TypeReference<T> type) {
        return JSON.convertValue(evaluate(expression), type);
    }

    /** Evaluates a JavaScript expression whose value is an array of strings. */
    public List<String> evaluateStrings(String expression) {
        return evaluate(expression, new TypeReference<List<String>>() { });
    }

    /**
     * Evaluates {@code jsExpression} every 50 ms until it is truthy; an expression that throws counts
     * as false (the element may not exist yet).
     *
     * @throws AssertionError when it is still not truthy after {@code timeout}; the message carries
     *     the problems recorded so far, which usually tell why
     */
    public void waitFor(String jsExpression, Duration timeout) {
        String wrapped = "(() => { try { return !!(" + jsExpression + "); } catch (e) { return false; } })()";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (evaluate(wrapped).asBoolean(false)) {
                    return;
                }
            } catch (IllegalStateException e) {
                // no execution context while a navigation commits: try again
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Still false after " + timeout + ": " + jsExpression
                        + "\nproblems recorded: " + problems());
            }
            try {
                Thread.sleep(POLL_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + jsExpression, e);
            }
        }
    }

    /** Every problem recorded so far, in arrival order (a copy). */
    public List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** The problems recorded so far that {@code expected} does not accept (a copy). */
    public List<Problem> problemsExcept(Predicate<Problem> expected) {
        return problems().stream().filter(expected.negate()).toList();
    }

    /**
     * Waits until a problem matching {@code matching} has been recorded and returns the first one
     * (events arrive asynchronously: a failed request may be reported a little after the page saw it).
     *
     * @throws AssertionError when none is recorded within {@code timeout}
     */
    public Problem awaitProblem(Predicate<Problem> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Problem problem : problems()) {
                if (matching.test(problem)) {
                    return problem;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No matching problem within " + timeout + "; recorded: " + problems());
            }
            try {
                Thread.sleep(POLL_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for a problem", e);
            }
        }
    }

    /** Forgets the problems recorded so far. */
    public void clearProblems() {
        synchronized (problems) {
            problems.clear();
        }
    }

    /** Process id of the Chromium browser process. */
    public long pid() {
        return process.pid();
    }

    /** The temporary directory of this browser: its profile, config and cache (deleted by {@link #close()}). */
    public Path tempDirectory() {
        return tempDir;
    }

    /** Sends a raw DevTools command to the page's session and returns its {@code result}. */
    public JsonNode command(String method, ObjectNode params) {
        return command(sessionId, method, params);
    }

    /** Kills Chromium and every process it started, then deletes the temporary profile. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            webSocket.abort();
        } catch (RuntimeException e) {
            // already closed
        }
        killTree(process, tempDir);
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("Chromium closed")));
        deleteRecursively(tempDir);
    }

    /**
     * Kills the browser process, every process it had started (zygotes, renderers, GPU and utility
     * processes) and its crash handlers (which detach from the browser, but name the temporary
     * directory in their arguments), then waits until none is running. No graceful shutdown: the
     * profile is thrown away anyway, and a graceful exit takes over a second.
     */
    private static void killTree(Process process, Path tempDir) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        String marker = tempDir.toString();
        ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(h -> !tree.contains(h))
                .forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            while (tree.stream().anyMatch(HeadlessChromium::isRunning) && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more we can do
        }
    }

    /**
     * Whether a process still runs: alive and, on Linux, not a zombie. Orphaned children of the
     * killed browser stay zombies until init reaps them, which can take a second in a container;
     * they no longer run nor hold anything.
     */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            char state = afterName.isEmpty() ? '?' : afterName.charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no /proc (not Linux), or the process just vanished
        }
    }

    private static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // retried
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a file vanished while walking; retried
            }
        }
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private JsonNode command(String session, String method, ObjectNode params) {
        try {
            return send(session, method, params).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + ": no answer from Chromium within " + COMMAND_TIMEOUT
                    + (process.isAlive() ? "" : " (Chromium exited; stderr: " + stderrTail() + ")"), e);
        }
    }

    private CompletableFuture<JsonNode> send(String session, String method, ObjectNode params) {
        int id = nextId.getAndIncrement();
        ObjectNode message = obj().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (sendLock) {
            webSocket.sendText(message.toString(), true).join();
        }
        return answer;
    }

    private String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private void record(Kind kind, String level, String text, String url) {
        synchronized (problems) {
            problems.add(new Problem(kind, level, text, url == null ? "" : url));
        }
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
            if (answer != null) {
                if (message.has("error")) {
                    answer.completeExceptionally(new IllegalStateException(message.path("error").toString()));
                } else {
                    answer.complete(message.path("result"));
                }
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> {
                CompletableFuture<Void> loaded = loadEvent.getAndSet(null);
                if (loaded != null) {
                    loaded.complete(null);
                }
            }
            case "Runtime.consoleAPICalled" -> {
                List<String> args = new ArrayList<>();
                for (JsonNode arg : params.path("args")) {
                    args.add(arg.has("value") ? arg.path("value").asText() : arg.path("description").asText(arg.path("type").asText()));
                }
                JsonNode frame = params.path("stackTrace").path("callFrames").path(0);
                record(Kind.CONSOLE, params.path("type").asText(), String.join(" ", args), frame.path("url").asText(""));
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode details = params.path("exceptionDetails");
                String description = details.path("exception").path("description").asText("");
                record(Kind.EXCEPTION, "error",
                        description.isEmpty() ? details.path("text").asText() : details.path("text").asText() + " " + description,
                        details.path("url").asText(""));
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if (!"verbose".equals(entry.path("level").asText())) {
                    record(Kind.LOG, entry.path("level").asText(),
                            entry.path("source").asText() + ": " + entry.path("text").asText(), entry.path("url").asText(""));
                }
            }
            case "Network.requestWillBeSent" ->
                    requestUrls.put(params.path("requestId").asText(), params.path("request").path("url").asText());
            case "Network.responseReceived" -> {
                JsonNode response = params.path("response");
                int status = response.path("status").asInt();
                if (status >= 400) {
                    record(Kind.HTTP_STATUS, String.valueOf(status),
                            "HTTP " + status + " " + response.path("statusText").asText(""), response.path("url").asText());
                }
            }
            case "Network.loadingFailed" -> {
                String url = requestUrls.getOrDefault(params.path("requestId").asText(), "");
                record(Kind.LOADING_FAILED, "error",
                        params.path("errorText").asText() + (params.path("canceled").asBoolean() ? " (canceled)" : ""), url);
            }
            default -> {
                // other events are not needed
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    onMessage(JSON.readTree(text));
                } catch (IOException | RuntimeException e) {
                    record(Kind.LOG, "error", "harness: unreadable DevTools message: " + e.getMessage(), "");
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
