package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The playground page in a real headless Chromium against the whole runner: the preview, a generation followed to its
 * images, and a catalog followed to its end. Skipped where no Chromium and chromedriver are installed. With
 * {@code -Dplayground.screenshot=docs/playground.png} it also writes the screenshot the README shows.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "pipeline.runner.broker-port=0")
class PlaygroundIntegrationTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("playground.chromium", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path
            .of(System.getProperty("playground.chromedriver", "/usr/bin/chromedriver"));

    /** A port known before start, so the image URLs the runner writes (its public base URL) reach it. */
    private static final int PORT = freePort();

    @LocalServerPort
    int port;

    private WebDriver browser;

    private WebDriverWait wait;

    @DynamicPropertySource
    static void onAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        // The renderer takes a second an image, as a model takes seconds: long enough to press Cancel.
        registry.add("pipeline.generation-worker.local.delay", () -> "1s");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER
                        + ": install chromium and chromium-driver to run the playground's browser test");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1500");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void previewsGeneratesAndShowsTheImagesWithTheKeyboardOnly() throws IOException {
        browser.get("http://localhost:" + port + "/");
        wait.until(page -> !byId("category").findElements(By.tagName("option")).isEmpty());

        var description = byId("description");
        description.click();
        description.sendKeys(Keys.chord(Keys.CONTROL, "a"), "walnut serving board with juice groove");
        wait.until(page -> byId("previews").getText().contains("walnut serving board with juice groove"));
        assertThat(byId("preview-state").getText()).isEqualTo("Preview up to date.");

        // From the description, Tab alone reaches Generate, and Enter presses it.
        tabTo("generate", 8);
        active().sendKeys(Keys.ENTER);

        wait.until(page -> "completed".equals(byId("job-status").getAttribute("data-status")));
        assertThat(byId("job-events").getText()).contains("accepted", "prompt prepared", "succeeded");
        assertThat(byId("job-status").getText()).isEqualTo("Done: 1 image(s).");
        var images = byId("gallery").findElements(By.tagName("img"));
        assertThat(images).hasSize(1);
        wait.until(page -> naturalWidth(images.get(0)) > 0);
        assertThat(images.get(0).getAttribute("alt")).contains("walnut serving board with juice groove");
        assertThat(byId("job-error").isDisplayed()).isFalse();

        screenshotIfAsked();
    }

    @Test
    void showsTheMarketplacesVerdictFixesOnRequestAndMakesAnImageAgain() {
        browser.get("http://localhost:" + port + "/");
        wait.until(page -> !byId("category").findElements(By.tagName("option")).isEmpty());
        new Select(byId("style")).selectByValue("minimal");
        new Select(byId("marketplace")).selectByValue("amazon_main");
        byId("autofix").click();

        byId("generate").sendKeys(Keys.ENTER);

        wait.until(page -> "completed".equals(byId("job-status").getAttribute("data-status")));
        var caption = byId("gallery").findElement(By.tagName("figcaption"));
        assertThat(caption.findElement(By.className("verdict")).getText())
                .isEqualTo("Passes amazon main after fixing.");
        assertThat(caption.getText()).contains("Fixed:");
        assertThat(caption.findElement(By.linkText("original")).getAttribute("href")).contains("/api/images/");
        assertThat(byId("job-events").getText()).contains("cost: 0 USD");
        String first = byId("gallery").findElement(By.tagName("img")).getAttribute("src");

        caption.findElement(By.className("again")).sendKeys(Keys.ENTER);

        // The new job may be queued, run and done between two looks: wait for its image instead.
        wait.until(page -> "completed".equals(byId("job-status").getAttribute("data-status"))
                && byId("gallery").findElements(By.tagName("img"))
                        .stream()
                        .anyMatch(image -> !first.equals(image.getAttribute("src"))));
        assertThat(byId("job-events").getText()).contains("accepted", "succeeded");
        assertThat(byId("gallery").findElement(By.className("verdict")).getText())
                .isEqualTo("Passes amazon main after fixing.");
    }

    @Test
    void cancelsTheJobItFollows() {
        browser.get("http://localhost:" + port + "/");
        wait.until(page -> !byId("category").findElements(By.tagName("option")).isEmpty());
        byId("images").clear();
        byId("images").sendKeys("4");

        byId("generate").sendKeys(Keys.ENTER);
        wait.until(page -> byId("cancel").isEnabled());
        byId("cancel").sendKeys(Keys.ENTER);

        wait.until(page -> "canceled".equals(byId("job-status").getAttribute("data-status")));
        assertThat(byId("job-events").getText()).contains("canceled").doesNotContain("succeeded");
        assertThat(byId("gallery").findElements(By.tagName("img"))).isEmpty();
    }

    @Test
    void followsACatalogToItsEnd(@TempDir Path dir) throws IOException {
        var catalog = Files.writeString(dir.resolve("products.csv"), """
                sku,description,category,style,num_images,resolution
                MUG-001,stoneware mug with speckled glaze,kitchenware,white_background,1,512x512
                TOTE-002,"linen tote bag, natural",apparel,lifestyle,1,512x512
                LAMP-003,brass desk lamp,home_decor,polaroid,1,512x512
                """);
        browser.get("http://localhost:" + port + "/");
        wait.until(page -> !byId("category").findElements(By.tagName("option")).isEmpty());

        byId("catalog-file").sendKeys(catalog.toString());
        byId("upload").sendKeys(Keys.ENTER);

        wait.until(page -> "completed".equals(byId("catalog-status").getAttribute("data-status")));
        assertThat(byId("catalog-status").getText()).startsWith("2 of 2 finished (2 completed, 0 failed, 0 canceled)");
        assertThat(byId("catalog-progress").getAttribute("value")).isEqualTo("1");
    }

    @Test
    void showsTheProblemDetailOfARefusedJob() {
        browser.get("http://localhost:" + port + "/");
        wait.until(page -> !byId("category").findElements(By.tagName("option")).isEmpty());

        byId("description").clear();
        byId("generate").sendKeys(Keys.ENTER);

        wait.until(page -> byId("job-error").isDisplayed());
        assertThat(byId("job-error").getText()).contains("description");
        assertThat(byId("job-status").getAttribute("data-status")).isEqualTo("error");
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private void tabTo(String id, int atMost) {
        for (int i = 0; i < atMost && !id.equals(active().getAttribute("id")); i++) {
            active().sendKeys(Keys.TAB);
        }
        assertThat(active().getAttribute("id")).as("focus after Tab").isEqualTo(id);
    }

    private long naturalWidth(WebElement image) {
        return (Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth;", image);
    }

    private void screenshotIfAsked() throws IOException {
        String target = System.getProperty("playground.screenshot");
        if (target != null) {
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of(target), png);
        }
    }
}
