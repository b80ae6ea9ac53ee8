package io.tagger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagger.testing.TestApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium through its ChromeDriver) against the
 * three services on a real broker: enter a key, upload a file, wait for its tags, check that the
 * bars and the heat map show the service's values, and keep screenshots
 * (e2e/target/screenshots/, desktop and phone-sized).
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedPipeline.Resolver.class)
class WebPageBrowserTest {
    static final Path SHOTS = SharedPipeline.ROOT.resolve("e2e/target/screenshots");
    static SharedPipeline pipeline;
    static ChromeDriver browser;

    @BeforeAll
    static void start(SharedPipeline shared) throws Exception {
        pipeline = shared;
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("tagger.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--window-size=1280,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tagger.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void uploadFollowAndSeeTheTagsBarsAndHeatMap() throws Exception {
        // Without a key the page sends the browser to sign in; a wrong key is refused there.
        browser.get(pipeline.url("ingest-service") + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        browser.findElement(By.id("api-key")).sendKeys("tgk_wrong");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        wait.until(d -> d.findElement(By.id("error")).getText().contains("not valid"));
        browser.findElement(By.id("api-key")).sendKeys(TestApiKeys.UPLOADER);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/") && !d.findElements(By.id("sign-out")).isEmpty());
        assertThat(browser.getTitle()).contains("tagger");
        // Every form control has a label (accessibility).
        for (WebElement input : browser.findElements(By.cssSelector("input, select"))) {
            assertThat(browser.findElements(By.cssSelector("label[for='" + input.getAttribute("id") + "']")))
                    .as("label for #" + input.getAttribute("id")).isNotEmpty();
        }

        Path dir = Files.createTempDirectory("upload");
        Path named = Files.move(PipelineEndToEndTest.track(31, dir, 29), dir.resolve("browser-song.wav"));
        browser.findElement(By.id("files")).sendKeys(named.toAbsolutePath().toString());

        try {
            new WebDriverWait(browser, Duration.ofMinutes(3)).until(d ->
                    !d.findElements(By.cssSelector(".upload .steps li[data-step='tagged'].done")).isEmpty()
                            && d.findElements(By.cssSelector("#bars .bar-track")).size() == 10);
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not show the upload tagged in 3 minutes: "
                    + browser.findElements(By.cssSelector(".upload")).stream().map(WebElement::getText).toList() + pipeline.diagnosis(), e);
        }
        WebElement row = browser.findElement(By.cssSelector(".upload"));
        String trackId = row.getAttribute("data-track-id");
        assertThat(row.findElements(By.cssSelector(".steps li.done"))).hasSize(4);
        screenshot("web-page.png");

        // The bars and the heat map show exactly what the service answers for this track.
        JsonNode tags = get("/tracks/" + trackId + "/tags");
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        tags.path("scores").fields().forEachRemaining(e -> ranked.add(Map.entry(e.getKey(), e.getValue().asDouble())));
        ranked.sort(Comparator.comparingDouble(e -> -e.getValue()));
        List<WebElement> bars = browser.findElements(By.cssSelector("#bars .bar-track"));
        for (int i = 0; i < bars.size(); i++) {
            WebElement bar = bars.get(i);
            assertThat(bar.getAttribute("data-tag")).isEqualTo(ranked.get(i).getKey());
            double score = Double.parseDouble(bar.getAttribute("data-score"));
            assertThat(score).isCloseTo(ranked.get(i).getValue(), org.assertj.core.data.Offset.offset(1e-6));
            double drawn = bar.findElement(By.cssSelector(".bar-fill")).getSize().getWidth() / (double) bar.getSize().getWidth();
            assertThat(drawn).as("bar width of " + bar.getAttribute("data-tag")).isCloseTo(score, org.assertj.core.data.Offset.offset(0.02));
        }
        // Issue #21: how many tags there are is the model's (the answer's scores), not the page's.
        int tagCount = tags.path("scores").size();
        assertThat(bars).hasSize(Math.min(10, tagCount));
        assertThat(browser.findElement(By.id("toggle-all")).getText()).isEqualTo("Show all " + tagCount + " tags");
        browser.findElement(By.id("toggle-all")).click();
        wait.until(d -> d.findElements(By.cssSelector("#bars .bar-track")).size() == tagCount);
        assertThat(browser.findElement(By.id("toggle-all")).getText()).isEqualTo("Show the top 10");
        JsonNode segments = tags.path("segmentScores");
        List<String> order = new ArrayList<>();
        tags.path("scores").fieldNames().forEachRemaining(order::add);
        List<WebElement> cells = browser.findElements(By.cssSelector("#heatmap rect"));
        assertThat(cells).hasSize(tagCount * segments.size());
        for (WebElement cell : cells) {
            int s = Integer.parseInt(cell.getAttribute("data-segment"));
            int k = order.indexOf(cell.getAttribute("data-tag"));
            assertThat(Double.parseDouble(cell.getAttribute("data-score")))
                    .isCloseTo(segments.get(s).get(k).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        }
        // Browse: the track is listed among the recently tagged.
        browser.findElement(By.cssSelector("#search button")).click();
        wait.until(d -> d.findElement(By.id("tracks")).getText().contains(trackId));

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.id("toggle-all")).click();
        screenshot("web-page-phone.png");
        assertThat(Files.size(SHOTS.resolve("web-page.png"))).isGreaterThan(10_000);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pipeline.url("ingest-service") + path))
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
