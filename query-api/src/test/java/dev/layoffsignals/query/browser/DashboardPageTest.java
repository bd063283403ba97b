package dev.layoffsignals.query.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layoffsignals.query.browser.HeadlessChromium.Kind;
import dev.layoffsignals.query.browser.HeadlessChromium.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real dashboard files ({@code src/main/resources/dashboard}) in headless Chromium, against
 * canned API answers ({@code src/test/resources/browser}) shaped like the query API's contract.
 */
class DashboardPageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String META = "lfyi-meta-2022-11-09";
    private static final String ALPHABET = "art-0c55e1d2aa";
    private static final String HOSTILE = "art-hostile-0001";
    private static final String HOSTILE_NAME = "Evil <img src=x onerror=alert(1)> Corp";
    private static final String PWNED = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
    private static final String ROWS = "document.querySelectorAll('#announcements tbody tr[data-id]')";

    private HeadlessChromium chromium;
    private FakeQueryApi api;

    @BeforeEach
    void start() {
        chromium = HeadlessChromium.launch(); // skips the test when there is no Chromium
        api = FakeQueryApi.start();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void showsTheAnnouncementsWithTheirReactionsAndTheCharts() {
        chromium.navigate(api.url());
        chromium.waitFor(ROWS + ".length === 7", TIMEOUT);

        assertThat(chromium.evaluate("document.title", String.class)).isEqualTo("Layoff Signals");
        assertThat(cells(META)).containsExactly(
                "Meta", "META", "2022-11-09", "2022-11-09", "11,000", "13 %", "FINAL", "+5.18 %", "+9.22 %", "+9.63 %", "2");
        assertThat(cells("art-7f3a9c1e2b")).containsExactly(
                "Amazon", "AMZN", "2023-01-04", "2023-01-05", "≥ 18,000", "—", "FINAL", "-2.37 %", "-0.37 %", "+5.39 %", "3");
        assertThat(cells(ALPHABET)).containsExactly(
                "Alphabet", "GOOGL", "2023-01-20", "2023-01-20", "12,000", "6 %", "PROVISIONAL", "+5.34 %", "+1.55 %", "—", "2");
        assertThat(cells("art-5b6e22f0c9")).as("listed, no reaction yet").containsExactly(
                "Salesforce", "CRM", "2023-01-04", "—", "≈ 8,000", "10 %", "—", "—", "—", "—", "1");
        assertThat(cells("lfyi-stripe-2022-11-03")).as("private").containsExactly(
                "Stripe", "private", "2022-11-03", "—", "1,100", "14 %", "—", "—", "—", "—", "1");
        assertThat(chromium.evaluateStrings("[..." + ROWS + "].map(tr => tr.dataset.id)")).as("newest first").containsExactly(
                ALPHABET, HOSTILE, "art-7f3a9c1e2b", "art-5b6e22f0c9", META, "lfyi-twitter-2022-11-04", "lfyi-stripe-2022-11-03");

        // the first announcement is selected by default: Alphabet, PROVISIONAL, sessions -1..+2
        assertThat(chromium.evaluate("document.querySelector('tr.selected').dataset.id", String.class)).isEqualTo(ALPHABET);
        chromium.waitFor("document.querySelector('#detail h3').textContent === 'Alphabet'", TIMEOUT);
        assertThat(count("#reaction-chart svg circle.car-point")).isEqualTo(4);
        assertThat(count("#reaction-chart svg rect.bar-raw")).isEqualTo(4);
        assertThat(count("#reaction-chart svg rect.bar-bench")).isEqualTo(4);

        // click Meta: FINAL, the seven sessions -1..+5
        chromium.evaluate("document.querySelector('tr[data-id=\"" + META + "\"] td').click()");
        chromium.waitFor("document.querySelector('#detail h3').textContent === 'Meta'", TIMEOUT);
        assertThat(chromium.evaluate("document.querySelector('tr.selected').dataset.id", String.class)).isEqualTo(META);
        assertThat(count("#reaction-chart svg circle.car-point")).isEqualTo(7);
        assertThat(count("#reaction-chart svg rect.bar-raw")).isEqualTo(7);
        assertThat(count("#reaction-chart svg rect.bar-bench")).isEqualTo(7);
        assertThat(texts("#reaction-chart svg rect.bar-raw title")).element(1).isEqualTo("Day 0 (2022-11-09): META +5.18 %");
        assertThat(texts("#reaction-chart svg rect.bar-bench title")).element(1).isEqualTo("Day 0 (2022-11-09): QQQ -2.31 %");
        Map<String, String> facts = chromium.evaluate("Object.fromEntries([...document.querySelectorAll('#detail dl.facts dt')]"
                + ".map(dt => [dt.textContent, dt.nextElementSibling.textContent]))", new TypeReference<Map<String, String>>() { });
        assertThat(facts).containsEntry("Status", "FINAL")
                .containsEntry("Benchmark", "QQQ")
                .containsEntry("Model", "Market model (OLS)")
                .containsEntry("Alpha", "-0.120 % per day")
                .containsEntry("Beta", "1.280")
                .containsEntry("Estimation returns", "120")
                .containsEntry("Day 0", "2022-11-09")
                .containsEntry("Day-0 return", "+5.18 %")
                .containsEntry("Benchmark day 0", "-2.31 %")
                .containsEntry("CAR[0,+1]", "+9.22 %")
                .containsEntry("CAR[0,+5]", "+9.63 %")
                .containsEntry("Headcount", "11,000")
                .containsEntry("Workforce", "13 %")
                .containsEntry("Reasons", "over-hiring, falling demand");

        // market-wide months: six windows over seven months (no window for 2022-09)
        chromium.waitFor("document.querySelectorAll('#market-chart svg rect.bar-month').length === 6", TIMEOUT);
        assertThat(chromium.evaluate("document.querySelector('#market-chart svg').dataset.months", String.class)).isEqualTo("7");
        assertThat(chromium.evaluateStrings("[...document.querySelectorAll('#market-chart rect.bar-month')].map(r => r.dataset.month)"))
                .containsExactly("2022-07", "2022-08", "2022-10", "2022-11", "2022-12", "2023-01");
        assertThat(count("#market-chart svg circle.mean-car-point")).as("months with a mean CAR[0,+1]").isEqualTo(4);
        assertThat(barHeight("2022-11")).as("263 announcements vs 192").isGreaterThan(barHeight("2023-01"));
        chromium.evaluate("document.querySelector('button[data-metric=\"headcount\"]').click()");
        chromium.waitFor("document.getElementById('market-bar-label').textContent === 'Headcount (jobs cut)'", TIMEOUT);
        assertThat(count("#market-chart svg rect.bar-month")).isEqualTo(6);
        assertThat(barHeight("2023-01")).as("84,714 jobs vs 52,470").isGreaterThan(barHeight("2022-11"));

        assertThat(chromium.evaluate("document.getElementById('status').dataset.state", String.class)).isEqualTo("live");
        assertThat(chromium.evaluate("document.getElementById('instance').textContent", String.class))
                .isEqualTo("Served by " + FakeQueryApi.INSTANCE);
        assertThat(api.requests()).containsOnly(
                "/", "/app.css", "/app.js",
                "/api/announcements?limit=100",
                "/api/windows?dimension=market&period=month&limit=1000",
                "/api/reactions?from=2022-11-03&limit=1000");
        assertThat(chromium.problems()).isEmpty();
    }

    @Test
    void showsTextFromDataAsTextNeverAsMarkup() {
        chromium.command("Page.addScriptToEvaluateOnNewDocument", new ObjectMapper().createObjectNode()
                .put("source", "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"));
        chromium.navigate(api.url());
        chromium.waitFor(ROWS + ".length === 7", TIMEOUT);

        assertThat(chromium.evaluate("document.querySelector('tr[data-id=\"" + HOSTILE + "\"] .name').textContent", String.class))
                .isEqualTo(HOSTILE_NAME);
        chromium.evaluate("document.querySelector('tr[data-id=\"" + HOSTILE + "\"] td').click()");
        chromium.waitFor("document.querySelector('#detail h3').textContent === " + jsString(HOSTILE_NAME), TIMEOUT);

        assertThat(count("img")).isZero();
        assertThat(count("b")).isZero();
        assertThat(chromium.evaluate("document.scripts.length", Integer.class)).as("only app.js").isEqualTo(1);
        assertThat(texts("#detail .facts dd")).contains("<b>Ops</b> & \"Support\"");
        assertThat(chromium.evaluateStrings("[...document.querySelectorAll('#detail a')].map(a => a.protocol + '//' + a.host + ' ' + a.textContent)")).as("only the http(s) source is a link").containsExactly("https://news.example.com news.example.com");
        assertThat(texts("#detail .unlinked")).containsExactly("javascript:alert(3)");
        assertThat(chromium.evaluate("window.__alerts.length", Integer.class)).isZero();
        assertThat(chromium.problems()).isEmpty();
    }

    @Test
    void waitsQuietlyWhileTheAppIsNotRunningThenRecovers() {
        api.unavailable(true);
        chromium.navigate(api.url());
        chromium.waitFor("document.getElementById('status').dataset.state === 'waiting'", TIMEOUT);

        assertThat(chromium.evaluate("document.getElementById('status').textContent", String.class)).isEqualTo("Waiting for the app…");
        assertThat(texts("#announcements tbody td")).containsExactly("Waiting for the app to start…");
        chromium.awaitProblem(p -> p.kind() == Kind.HTTP_STATUS, TIMEOUT);
        assertThat(chromium.problems()).as("the 503 answers are the only trace").isNotEmpty().allMatch(DashboardPageTest::isExpected503);

        api.unavailable(false);
        chromium.waitFor(ROWS + ".length === 7 && document.getElementById('status').dataset.state === 'live'", TIMEOUT);
        assertThat(chromium.problems()).allMatch(DashboardPageTest::isExpected503);
    }

    @Test
    void updatesLiveAndKeepsTheSelection() {
        chromium.navigate(api.url() + "?refresh=1");
        chromium.waitFor(ROWS + ".length === 7", TIMEOUT);
        chromium.evaluate("document.querySelector('tr[data-id=\"" + META + "\"] td').click()");

        ObjectNode microsoft = api.announcement("art-5b6e22f0c9")
                .put("announcement_id", "art-msft-2023-01-25")
                .put("company", "Microsoft")
                .put("ticker", "MSFT")
                .put("announced_at", "2023-01-25T13:00:00Z")
                .put("headcount", 10000)
                .put("headcount_qualifier", "EXACT")
                .put("workforce_pct", 4.5);
        api.addLatestAnnouncement(microsoft);
        chromium.waitFor(ROWS + ".length === 8", TIMEOUT);

        assertThat(cells("art-msft-2023-01-25")).containsExactly(
                "Microsoft", "MSFT", "2023-01-25", "—", "10,000", "4.5 %", "—", "—", "—", "—", "1");
        assertThat(chromium.evaluate(ROWS + "[0].dataset.id", String.class)).isEqualTo("art-msft-2023-01-25");
        assertThat(chromium.evaluate("document.querySelector('tr.selected').dataset.id", String.class)).isEqualTo(META);
        assertThat(chromium.evaluate("document.querySelector('#detail h3').textContent", String.class)).isEqualTo("Meta");
        assertThat(chromium.problems()).isEmpty();
    }

    @Test
    void filtersByTicker() {
        chromium.navigate(api.url());
        chromium.waitFor(ROWS + ".length === 7", TIMEOUT);

        chromium.evaluate("(() => { const input = document.getElementById('ticker-filter');"
                + " input.value = ' meta '; input.dispatchEvent(new Event('input', { bubbles: true })); })()");
        chromium.waitFor(ROWS + ".length === 1", TIMEOUT);
        assertThat(cells(META)).element(7).isEqualTo("+5.18 %");
        assertThat(chromium.evaluate("document.getElementById('announcements-count').textContent", String.class)).isEqualTo("1 for META");
        chromium.waitFor("document.querySelector('#detail h3').textContent === 'Meta'", TIMEOUT);
        assertThat(api.requests()).contains("/api/announcements?limit=100&ticker=META",
                "/api/reactions?from=2022-11-09&limit=1000&ticker=META");

        chromium.evaluate("(() => { const input = document.getElementById('ticker-filter');"
                + " input.value = 'no such!'; input.dispatchEvent(new Event('input', { bubbles: true })); })()");
        chromium.waitFor("document.getElementById('filter-hint').textContent === 'Not a ticker'", TIMEOUT);
        assertThat(api.requests()).noneMatch(r -> r.contains("such"));

        chromium.evaluate("(() => { const input = document.getElementById('ticker-filter');"
                + " input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true })); })()");
        chromium.waitFor(ROWS + ".length === 7", TIMEOUT);
        assertThat(chromium.problems()).isEmpty();
    }

    @Test
    void aScriptInATitleIsShownAsTextAndNeverRuns() {
        ObjectNode hostile = api.announcement("art-5b6e22f0c9")
                .put("announcement_id", "art-pwned-0001")
                .put("company", PWNED)
                .putNull("ticker")
                .put("division", PWNED)
                .put("evidence", PWNED)
                .put("announced_at", "2023-01-26T13:00:00Z");
        api.addLatestAnnouncement(hostile);
        chromium.navigate(api.url());
        chromium.waitFor(ROWS + ".length === 8", TIMEOUT);
        chromium.waitFor("document.querySelector('#detail h3') !== null"
                + " && document.querySelector('#detail h3').textContent === " + jsString(PWNED), TIMEOUT);

        // the newest, so the first row and the one shown in detail: the title is text, shown as it was sent
        assertThat(chromium.evaluate(ROWS + "[0].dataset.id", String.class)).isEqualTo("art-pwned-0001");
        assertThat(chromium.evaluate("document.querySelector('tr[data-id=\"art-pwned-0001\"] .name').textContent", String.class))
                .isEqualTo(PWNED);
        assertThat(chromium.evaluate("document.querySelector('tr[data-id=\"art-pwned-0001\"] .division').textContent", String.class))
                .isEqualTo(PWNED);
        assertThat(count("img")).as("no image element from the data").isZero();
        assertThat(chromium.evaluate("document.scripts.length", Integer.class)).as("only app.js").isEqualTo(1);

        // an image error handler does fire on this page: one added now runs, while the data's never did
        chromium.evaluate("(() => { const img = document.createElement('img'); img.onerror = () => { window.__control = 1; };"
                + " img.src = 'x'; document.body.append(img); })()");
        chromium.waitFor("window.__control === 1", TIMEOUT);
        assertThat(chromium.evaluate("typeof window.__pwned", String.class)).isEqualTo("undefined");
        assertThat(chromium.problems()).as("only the control image's 404").allSatisfy(p -> assertThat(p.url()).endsWith("/x"));
    }

    private static boolean isExpected503(Problem p) {
        boolean api = p.url().contains("/api/");
        return switch (p.kind()) {
            case HTTP_STATUS -> "503".equals(p.level()) && api;
            case LOG -> p.text().startsWith("network: Failed to load resource: the server responded with a status of 503") && api;
            default -> false;
        };
    }

    private List<String> cells(String announcementId) {
        return chromium.evaluateStrings("[...document.querySelector('tr[data-id=\"" + announcementId + "\"]').cells]"
                + ".map((td, i) => i === 0 ? td.querySelector('.name').textContent : td.textContent)");
    }

    private List<String> texts(String selector) {
        return chromium.evaluateStrings("[...document.querySelectorAll(" + jsString(selector) + ")].map(e => e.textContent)");
    }

    private int count(String selector) {
        return chromium.evaluate("document.querySelectorAll(" + jsString(selector) + ").length", Integer.class);
    }

    private double barHeight(String month) {
        return chromium.evaluate("Number(document.querySelector('#market-chart rect.bar-month[data-month=\"" + month
                + "\"]').getAttribute('height'))", Double.class);
    }

    private static String jsString(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
