package dev.quarry.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.Quarry;
import dev.quarry.api.ApiServer;
import dev.quarry.config.ConfigLoader;
import dev.quarry.config.QuarryConfig;
import dev.quarry.ingest.IngestProgress;
import dev.quarry.ingest.IngestRoots;
import dev.quarry.testing.FakeOpenAiServer;
import dev.quarry.testing.Folders;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real headless Chromium (Debian's chromium and chromedriver, installed by .ci/run), against a real
 * server on the sample corpus with API keys required. Screenshots of each step go to target/studio-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String KEY = "studio-writer-key-000001";
    private static final Path SHOTS = Path.of("target", "studio-screenshots");

    private static FakeOpenAiServer upstream;
    private static Quarry quarry;
    private static ApiServer server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian's chromium package (.ci/run installs it)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver package (.ci/run installs it)").exists();
        tmp = Files.createTempDirectory("quarry-studio-it");
        Path docs = tmp.resolve("docs");
        Folders.copyTree(Folders.sampleCorpus(), docs);
        upstream = new FakeOpenAiServer();
        Path yaml = Files.writeString(tmp.resolve("q.yaml"), """
                chat:
                  deployments:
                    - {name: fake-gpt, kind: openai, endpoint: "%s", model: gpt-4o-mini, apiKeyEnv: FAKE_KEY, maxRetries: 0}
                """.formatted(upstream.openAiBaseUrl()));
        Map<String, String> env = Map.of("QUARRY_DATA", tmp.resolve("data").toString(), "QUARRY_CONFIG", yaml.toString(),
                "FAKE_KEY", "fake", "QUARRY_API_KEYS", "writer:" + KEY);
        QuarryConfig config = ConfigLoader.load(env);
        quarry = Quarry.open(config, env);
        quarry.defaultCollection().ingest(docs, null, IngestProgress.NONE, () -> false);
        // A second collection, for the collection picker.
        Path notes = tmp.resolve("notes");
        Folders.write(notes, "violin.md", "# Violin\n\nRosin the bow before playing, so that its hair grips the strings.");
        quarry.collections().create(quarry.collections().describe("notes", null, null))
                .ingest(notes, null, IngestProgress.NONE, () -> false);
        server = new ApiServer(quarry, config.server().withPort(0), new IngestRoots(List.of(docs))).start();

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
        browser.get("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (quarry != null) quarry.close();
        if (upstream != null) upstream.close();
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    @Test
    @Order(1)
    void without_a_key_the_problem_is_shown_and_with_one_search_finds_hits() throws Exception {
        assertThat(browser.getTitle()).containsIgnoringCase("quarry");
        byId("search-query").sendKeys("why does mayonnaise split");
        byId("search-run").click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-search .error")));
        assertThat(error.getText()).contains("Unauthorized").contains("API key");
        screenshot("01-search-needs-a-key");

        byId("api-key").sendKeys(KEY);
        byId("api-key-save").click();
        byId("search-query").sendKeys(Keys.ENTER);
        List<WebElement> hits = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#search-results .hit"), 2));
        assertThat(hits.getFirst().getText()).contains("cooking/");
        assertThat(hits.getFirst().findElements(By.tagName("mark"))).isNotEmpty();
        assertThat(hits.getFirst().findElement(By.cssSelector(".score-total")).getText()).isNotBlank();
        assertThat(browser.executeScript("return sessionStorage.getItem('quarry.studio.apiKey')")).isEqualTo(KEY);
        assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
        WebElement relevant = hits.getFirst().findElement(By.cssSelector("button.judge"));
        relevant.click();
        wait.until(d -> "true".equals(relevant.getDomAttribute("aria-pressed")));
        assertThat(quarry.defaultCollection().tuning().judgments().all())
                .singleElement().satisfies(j -> {
                    assertThat(j.query()).isEqualTo("why does mayonnaise split");
                    assertThat(j.docId()).isEqualTo(hits.getFirst().getDomAttribute("data-doc-id"));
                    assertThat(j.grade()).isEqualTo(1);
                    assertThat(j.source()).isEqualTo("studio");
                });
        screenshot("02-search-hits");

        hits.getFirst().findElement(By.cssSelector(".open-doc")).click();
        WebElement marked = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view .doc-chunk.marked")));
        assertThat(marked.getText()).isNotBlank();
        screenshot("03-document-view");

        String studio = browser.getWindowHandle();
        byId("doc-view-original").click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        String tab = browser.getWindowHandles().stream().filter(w -> !w.equals(studio)).findFirst().orElseThrow();
        browser.switchTo().window(tab);
        wait.until(d -> d.getCurrentUrl().contains("/file?collection=default&expires="));
        assertThat(browser.getCurrentUrl()).contains("signature=");
        wait.until(d -> !d.findElement(By.tagName("body")).getText().isBlank());
        assertThat(browser.findElement(By.tagName("body")).getText()).as("the file itself, opened without the key header")
                .doesNotContain("Unauthorized");
        browser.close();
        browser.switchTo().window(studio);
        byId("doc-view-close").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
    }

    @Test
    @Order(2)
    void a_documents_own_bracketed_numbers_show_as_text_and_files_open_at_the_passage() {
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/chat.js').then((m) => {
                  const el = document.createElement('div');
                  m.renderAnswer(el, 'Rosin the bow \\\\[7] \\\\[2]. [1]', [{ n: 1, docId: 'violin.md', title: 'Violin' }]);
                  done([el.textContent, el.querySelectorAll('button.citation').length]);
                });
                """);
        assertThat(answer).containsExactly("Rosin the bow [7] [2]. [1]", 1L);

        @SuppressWarnings("unchecked")
        List<Object> fragments = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/docview.js').then((m) => done([
                  m.fileFragment('application/pdf', 3, 'any passage'),
                  m.fileFragment('text/html', 0, 'Routine Vacuuming\\n\\nPostgreSQL databases require periodic maintenance known as vacuuming.'),
                  m.fileFragment('text/plain; charset=utf-8', 2, 'text')]));
                """);
        assertThat(fragments).containsExactly("#page=3",
                "#:~:text=Routine%20Vacuuming,periodic%20maintenance%20known%20as%20vacuuming.", "");
    }

    @Test
    @Order(3)
    void a_chat_answer_streams_in_and_a_citation_opens_its_passage() throws Exception {
        byId("tab-chat").click();
        wait.until(d -> d.findElements(By.cssSelector("#chat-deployment option[value='extractive']")).size() == 1);
        new Select(byId("chat-deployment")).selectByValue("extractive");
        byId("chat-input").sendKeys("How do I stop mayonnaise from splitting?");
        byId("chat-send").click();
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat-log .turn.assistant:not(.streaming) .answer")));
        assertThat(answer.getText()).isNotBlank();
        List<WebElement> citations = browser.findElements(By.cssSelector("#chat-log .citation"));
        assertThat(citations).isNotEmpty();
        List<WebElement> sources = browser.findElements(By.cssSelector("#chat-log .citation-list > li"));
        WebElement notAnswering = sources.getFirst().findElements(By.cssSelector("button.judge")).getLast();
        notAnswering.click();
        wait.until(d -> "true".equals(notAnswering.getDomAttribute("aria-pressed")));
        assertThat(quarry.defaultCollection().tuning().judgments().all())
                .anySatisfy(j -> {
                    assertThat(j.query()).isEqualTo("How do I stop mayonnaise from splitting?");
                    assertThat(j.grade()).isZero();
                });
        screenshot("04-chat-answer");
        citations.getFirst().click();
        WebElement marked = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view .doc-chunk.marked")));
        assertThat(marked.getText()).isNotBlank();
        screenshot("05-chat-citation");
        byId("doc-view-close").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
        byId("chat-clear").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chat-log .turn"), 0));
    }

    @Test
    @Order(4)
    void a_generative_deployment_gets_the_settings_and_its_streamed_citation_opens() throws Exception {
        upstream.reply(new FakeOpenAiServer.Reply.Answer("Add the oil slowly, drop by drop, while whisking [1].", false));
        new Select(byId("chat-deployment")).selectByValue("fake-gpt");
        byId("chat-system").sendKeys("Answer in one sentence.");
        byId("chat-temperature").sendKeys("0.3");
        byId("chat-max-tokens").sendKeys("200");
        byId("chat-strictness").sendKeys("0.2");
        byId("chat-input").sendKeys("How do I stop mayonnaise from splitting?", Keys.ENTER);
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chat-log .turn.assistant:not(.streaming) .answer")));
        assertThat(answer.getText()).contains("drop by drop");
        screenshot("05b-chat-generative");

        var request = upstream.requests().getLast().body();
        assertThat(request.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(request.get("stream").asBoolean()).isTrue();
        assertThat(request.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(request.get("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(request.get("messages").get(0).get("content").asText()).contains("Answer in one sentence.");

        browser.findElements(By.cssSelector("#chat-log .citation")).getFirst().click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view .doc-chunk.marked"))).getText())
                .containsIgnoringCase("oil");
        byId("doc-view-close").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
        byId("chat-clear").click();
    }

    @Test
    @Order(5)
    void compare_shows_two_columns_and_their_overlap() throws Exception {
        byId("tab-compare").click();
        byId("compare-query").sendKeys("how do I fix a flat tyre");
        byId("compare-run").click();
        wait.until(ExpectedConditions.textMatches(By.id("compare-overlap"), java.util.regex.Pattern.compile("overlap@\\d+")));
        assertThat(byId("compare-left").findElements(By.cssSelector(".hit"))).isNotEmpty();
        assertThat(byId("compare-right").findElements(By.cssSelector(".hit"))).isNotEmpty();
        screenshot("06-compare");

        // Untuned against tuned: the collection has no profile, so both sides search alike, and the left says so.
        new Select(byId("compare-preset")).selectByValue("tuning");
        assertThat(new Select(byId("compare-left-tuning")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("none");
        byId("compare-run").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-left"), "untuned"));
        wait.until(ExpectedConditions.textMatches(By.id("compare-overlap"), java.util.regex.Pattern.compile("overlap@\\d+")));
        assertThat(byId("compare-overlap").getText()).containsPattern("overlap@(\\d+): \\1/\\1");
    }

    @Test
    @Order(6)
    void the_cluster_map_draws_points_and_a_click_opens_the_document() throws Exception {
        byId("tab-clusters").click();
        byId("clusters-load").click();
        List<WebElement> points = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#cluster-map circle.point"), 20));
        assertThat(browser.findElements(By.cssSelector("#cluster-legend .legend-item")).size()).isGreaterThan(1);
        assertThat(byId("clusters-export-csv").isDisplayed()).isTrue();
        screenshot("07-clusters");
        points.getFirst().click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view .doc-chunk")));
        screenshot("08-cluster-document");
        byId("doc-view-close").click();
    }

    @Test
    @Order(7)
    void tabs_work_from_the_keyboard_and_the_page_fits_a_phone() throws Exception {
        WebElement chat = byId("tab-chat");
        chat.click();
        chat.sendKeys(Keys.ARROW_RIGHT);
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-compare"), "aria-selected", "true"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-compare");
        assertThat(byId("panel-compare").isDisplayed()).isTrue();
        browser.switchTo().activeElement().sendKeys(Keys.HOME);
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-search"), "aria-selected", "true"));

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        Object wide = browser.executeScript("return [...document.querySelectorAll('body *')].filter((e) =>"
                + " e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map((e) => e.tagName + '#' + e.id"
                + " + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
        assertThat(overflow).as("no sideways scrolling on a narrow screen; too wide: %s", wide).isLessThanOrEqualTo(0);
        screenshot("09-narrow-search");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    @Test
    @Order(8)
    void an_ingest_runs_to_done_and_lists_what_it_skipped() throws Exception {
        Folders.write(tmp.resolve("docs"), "notes/empty.md", "");
        byId("tab-ingest").click();
        WebElement folder = byId("ingest-folder");
        folder.clear();
        folder.sendKeys(tmp.resolve("docs").toString());
        byId("ingest-start").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("ingest-status"), "data-state", "done"));
        screenshot("10-ingest");
        assertThat(byId("ingest-status").getText()).contains("skipped");
        assertThat(browser.findElements(By.cssSelector("#ingest-skipped tbody tr.skipped-file")))
                .extracting(WebElement::getText).anySatisfy(row -> assertThat(row).contains("notes/empty.md", "no text"));
    }

    @Test
    @Order(9)
    void the_collection_picker_sends_searches_to_the_chosen_collection() throws Exception {
        byId("tab-search").click();
        // Listed once the key let the studio read the collections.
        Select picker = new Select(byId("collection"));
        assertThat(picker.getOptions()).extracting(WebElement::getText).anyMatch(t -> t.startsWith("notes"));
        picker.selectByValue("notes");
        WebElement query = byId("search-query");
        query.clear();
        query.sendKeys("rosin for the bow");
        byId("search-run").click();
        // Read in one script: the list is drawn anew when the answer comes, which would stale elements held here.
        wait.until(d -> {
            @SuppressWarnings("unchecked")
            List<String> hits = (List<String>) browser.executeScript(
                    "return [...document.querySelectorAll('#search-results .hit')].map((h) => h.textContent)");
            return !hits.isEmpty() && hits.stream().allMatch(h -> h.contains("notes/violin.md"));
        });
        screenshot("13-collection-picker");
        picker.selectByValue("");
    }
}
