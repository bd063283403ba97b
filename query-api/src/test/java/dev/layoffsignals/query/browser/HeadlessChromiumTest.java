package dev.layoffsignals.query.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.layoffsignals.query.browser.HeadlessChromium.Kind;
import dev.layoffsignals.query.browser.HeadlessChromium.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness itself: it must see what goes wrong in a page, or the dashboard tests prove nothing. */
class HeadlessChromiumTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String BROKEN_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>broken</title><link rel="icon" href="data:,"></head>
            <body>
            <script>
              console.error('boom', 42);
              console.warn('careful');
              setTimeout(() => { throw new Error('uncaught kaboom'); }, 0);
              fetch('/missing').then((r) => { document.body.dataset.status = String(r.status); });
            </script>
            </body></html>
            """;

    private static final String QUIET_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>quiet</title><link rel="icon" href="data:,"></head>
            <body><p id="p">hello</p>
            <script>setTimeout(() => { document.getElementById('p').textContent = 'later'; }, 100);</script>
            </body></html>
            """;

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        Map<String, String> pages = Map.of("/broken", BROKEN_PAGE, "/quiet", QUIET_PAGE);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String page = pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void recordsConsoleMessagesExceptionsAndFailedRequests() {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.navigate(url("/broken"));
            chromium.waitFor("document.body.dataset.status === '404'", TIMEOUT);

            chromium.awaitProblem(p -> p.kind() == Kind.EXCEPTION && p.text().contains("uncaught kaboom"), TIMEOUT);
            chromium.awaitProblem(p -> p.kind() == Kind.HTTP_STATUS, TIMEOUT);
            List<Problem> problems = chromium.problems();
            assertThat(problems).contains(
                    new Problem(Kind.CONSOLE, "error", "boom 42", url("/broken")),
                    new Problem(Kind.CONSOLE, "warning", "careful", url("/broken")),
                    new Problem(Kind.HTTP_STATUS, "404", "HTTP 404 Not Found", url("/missing")));
            assertThat(problems).filteredOn(p -> p.kind() == Kind.EXCEPTION).singleElement()
                    .satisfies(p -> assertThat(p.text()).contains("Error: uncaught kaboom"));
            assertThat(chromium.problemsExcept(p -> p.kind() == Kind.CONSOLE)).extracting(Problem::kind)
                    .doesNotContain(Kind.CONSOLE).contains(Kind.EXCEPTION, Kind.HTTP_STATUS);

            chromium.clearProblems();
            assertThat(chromium.problems()).isEmpty();
        }
    }

    @Test
    void evaluatesWaitsAndReportsNothingForAQuietPage() {
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.navigate(url("/quiet"));
            assertThat(chromium.evaluate("document.title", String.class)).isEqualTo("quiet");
            assertThat(chromium.evaluate("1 + 2", Integer.class)).isEqualTo(3);
            assertThat(chromium.evaluate("Promise.resolve([1, 'a'])", List.class)).containsExactly(1, "a");
            chromium.waitFor("document.getElementById('p').textContent === 'later'", TIMEOUT);
            assertThatThrownBy(() -> chromium.evaluate("null.boom"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("TypeError");
            assertThatThrownBy(() -> chromium.waitFor("document.getElementById('nope').id", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("Still false after PT0.2S");
            assertThat(chromium.problems()).isEmpty();
        }
    }

    @Test
    void closeKillsEveryChromiumProcessAndDeletesTheProfile() {
        HeadlessChromium chromium = HeadlessChromium.launch();
        Path temp = chromium.tempDirectory();
        ProcessHandle browser = ProcessHandle.of(chromium.pid()).orElseThrow();
        List<ProcessHandle> tree;
        List<ProcessHandle> naming;
        try {
            chromium.navigate(url("/quiet"));
            tree = browser.descendants().toList();
            naming = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().map(c -> c.contains(temp.toString())).orElse(false))
                    .toList();
            assertThat(tree).as("zygotes, renderers, GPU and utility processes").isNotEmpty();
            assertThat(naming).as("processes naming the temporary directory (browser children, crash handlers)")
                    .isNotEmpty();
            assertThat(temp.resolve("profile")).isDirectory();
        } finally {
            chromium.close();
        }
        assertThat(browser.isAlive()).isFalse();
        assertThat(tree).as("exited, or zombies waiting to be reaped by init").noneMatch(HeadlessChromium::isRunning);
        assertThat(naming).noneMatch(HeadlessChromium::isRunning);
        assertThat(Files.exists(temp)).isFalse();
        chromium.close(); // idempotent
    }
}
