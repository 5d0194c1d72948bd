package vn.bordergate.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * One headless Debian Chromium, driven through Debian's chromedriver: nothing is downloaded at run time.
 * Counts the page's JavaScript errors (from the browser log and from what the pages record themselves),
 * so a test can fail on them, and writes screenshots.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
    public static final Dimension DESK = new Dimension(1366, 768);
    public static final Dimension PHONE = new Dimension(360, 640);

    private final ChromeDriver driver;
    private final String name;
    private final List<String> errors = new ArrayList<>();

    public Browser(String name, Dimension size) {
        this.name = name;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--autoplay-policy=no-user-gesture-required", "--lang=vi-VN", "--no-first-run",
                "--window-size=" + size.width + "," + size.height);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(size);
    }

    /** Whether Debian's chromium and chromium-driver are installed (`.ci/run` installs them). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for the condition; on timeout the failure shows what the page showed and logged. */
    public <T> T until(Duration timeout, Function<ChromeDriver, T> condition) {
        try {
            // Pages redraw whole panels: an element found a moment ago may be gone; look again.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.apply(driver));
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder seen = new StringBuilder(name + " at " + driver.getCurrentUrl() + " shows:\n");
            String body = driver.findElement(By.tagName("body")).getText();
            seen.append(body, 0, Math.min(body.length(), 2000)).append("\nlog:\n");
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> seen.append(entry.getMessage()).append('\n'));
            throw new AssertionError(seen.toString(), e);
        }
    }

    /** Clicks the element once it is there, finding it again if a live redraw replaced it meanwhile. */
    public void click(String css) {
        until(Duration.ofSeconds(20), d -> {
            find(css).click();
            return true;
        });
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The text of the first element matching, or "" if there is none yet. */
    public String text(String css) {
        // Read in one step inside the page: the element may be replaced between finding it and reading it.
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
        return text == null ? "" : text.toString();
    }

    /**
     * JavaScript errors since the last call: severe browser log entries that are not a refused or dropped
     * request (a 409 the page shows in words is not an error of the page), and what the page's own error
     * handlers caught.
     */
    @SuppressWarnings("unchecked")
    public List<String> javaScriptErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !message.contains("Failed to load resource")
                    && !message.contains("net::ERR_")) {
                errors.add(name + ": " + message);
            }
        }
        Object caught = script("return window.bgErrors ? window.bgErrors.splice(0) : [];");
        ((List<Object>) caught).forEach(e -> errors.add(name + ": " + e));
        List<String> seen = List.copyOf(errors);
        errors.clear();
        return seen;
    }

    /** Writes a PNG of the viewport to {@code dir/file}. */
    public void screenshot(Path dir, String file) {
        try {
            Files.createDirectories(dir);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
