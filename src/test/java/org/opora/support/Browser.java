package org.opora.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: nothing is downloaded at test
 * time (no Selenium Manager, no WebDriverManager). Where the package is not installed the journeys
 * are skipped, saying so; {@code .ci/run} installs it.
 */
public final class Browser implements AutoCloseable {

    public static final String DRIVER = "/usr/bin/chromedriver";
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final int PHONE_WIDTH = 360;

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String baseUrl;

    private Browser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Skips the calling test (a JUnit assumption) when Debian's chromium-driver is not installed. */
    public static Browser open(int port) {
        assumeTrue(new File(DRIVER).canExecute(), "Browser journeys skipped: " + DRIVER
                + " is missing (apt-get install -y chromium chromium-driver; .ci/run does this)");
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new Browser(driver, "http://localhost:" + port);
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Signs in through the login page, as a person would (the session then carries the CSRF token). */
    public Browser signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        go("/login");
        find(By.id("username")).sendKeys(user);
        find(By.id("password")).sendKeys(password);
        // Through click(), which waits for the login page to go: the login page has a #main too, and a test that went on
        // from it raced the sign-in's own navigation ("Node with given id does not belong to the document").
        click(By.cssSelector("main form button[type=submit]"));
        waitFor(By.id("main"));
        return this;
    }

    public Browser phone() {
        driver.manage().window().setSize(new Dimension(PHONE_WIDTH, 800));
        return this;
    }

    public Browser desktop() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        return this;
    }

    public WebElement find(By by) {
        return waitFor(by);
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Brings an element to the middle of the window (phones scroll a lot), then clicks it. A link or a
     * submit button loads a new page: the click returns once the old one is gone, so that what the test
     * reads next is the new page, however slow the server.
     */
    public Browser click(By by) {
        WebElement element = scrollTo(by);
        String href = element.getDomAttribute("href");
        boolean navigates = (element.getTagName().equals("a") && (href == null || !href.startsWith("#")))
                || "submit".equals(element.getDomProperty("type"));
        WebElement page = driver.findElement(By.tagName("html"));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element)).click();
        if (navigates) {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ignored -> gone(page));
        }
        return this;
    }

    /**
     * Whether the element's page has been replaced. Chromium sometimes says so not as a stale element but as "Node with
     * given id does not belong to the document" (an inspector error), which Selenium's stalenessOf does not take.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException stale) {
            return true;
        } catch (WebDriverException error) {
            if (String.valueOf(error.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw error;
        }
    }

    public WebElement scrollTo(By by) {
        WebElement element = find(by);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        return element;
    }

    public String text(By by) {
        return find(by).getText();
    }

    /**
     * Types a date into an {@code <input type=date>}: Chromium's date widget takes keys in the order
     * of its own locale, so the value is set as the widget would, and the change announced.
     */
    public Browser date(By by, java.time.LocalDate date) {
        WebElement input = find(by);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                input, date.toString());
        return this;
    }

    /**
     * Saves the window under target/screenshots/; the README's pictures (docs/screenshots/) are refreshed from
     * these only on request ({@code -Dopora.screenshots.refresh=true}), so a test run leaves the tree clean.
     */
    public Path screenshot(String name, boolean forReadme) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            if (forReadme && Boolean.getBoolean("opora.screenshots.refresh") && Files.isDirectory(Path.of("docs"))) {
                Path docs = Files.createDirectories(Path.of("docs", "screenshots"));
                Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
