package org.pgaw.proxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pgaw.proxy.testing.NeedsPrograms;
import org.pgaw.proxy.testing.Program;

/**
 * The teacher's console as a teacher uses it, in headless Chromium: log in, see a learner's psql session appear,
 * see psql's cross join in the guard feed within 2 s, cancel psql's pg_sleep with the page's button (after its
 * confirmation) and see psql get the error. The screenshot goes to {@code target/console.png} (the README's
 * {@code docs/console.png} is a copy of one).
 */
@NeedsPrograms({Program.CHROMIUM, Program.PSQL})
class ConsoleBrowserTest {
    @TempDir
    static Path dir;
    private static ConsoleFixture f;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        f = new ConsoleFixture(dir, Duration.ofSeconds(60), false);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (f != null) f.close();
    }

    @Test
    void theTeacherSeesTheClassLiveAndStopsALearnersStatement() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(f.base());
        browser.findElement(By.id("password")).sendKeys(f.password);
        browser.findElement(By.id("login")).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions tbody")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the console did not open after logging in; the browser shows "
                    + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
        assertThat(browser.manage().getCookieNamed("pgaw_teacher").isHttpOnly()).isTrue();

        Process sleeping = psql("SELECT pg_sleep(60)");
        try {
            By learnersRow = By.cssSelector("#sessions tr[data-learner='" + ConsoleFixture.LEARNER + "'].active");
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(learnersRow));
            wait.until(d -> row.getText().contains("psql") && row.getText().contains("pg_sleep(60)"));

            Process crossJoin = psql("SELECT a.i, b.i FROM generate_series(1, 1000) a(i), generate_series(1, 1000) b(i)");
            assertThat(crossJoin.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long joined = System.nanoTime();
            WebElement event = new WebDriverWait(browser, Duration.ofSeconds(2)).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr.event.row_limit")));
            long seenMillis = (System.nanoTime() - joined) / 1_000_000;
            assertThat(event.getText()).contains(ConsoleFixture.LEARNER).contains("generate_series");
            System.err.println("pgaw: the cross join showed in the console's feed " + seenMillis + " ms after psql ended");

            Thread.sleep(1500); // the page's next refresh also draws the lesson's counts: the screenshot shows them
            Path shot = Path.of("target", "console.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);

            row.findElement(By.cssSelector("button.cancel")).click(); // the same row: the page updates it in place
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            assertThat(sleeping.waitFor(10, TimeUnit.SECONDS)).as("psql's pg_sleep was cancelled").isTrue();
            String said = new String(sleeping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(said).contains("canceling statement due to user request");
            assertThat(sleeping.exitValue()).isNotZero();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Cancelled"));
        } finally {
            sleeping.destroyForcibly();
        }
    }

    private static Process psql(String sql) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", Integer.toString(f.proxy.address().getPort()), "-U", ConsoleFixture.LEARNER, "-d", "postgres",
                "-c", sql)).redirectErrorStream(true);
        pb.environment().put("PGSSLMODE", "disable");
        pb.environment().put("PGAPPNAME", "psql");
        return pb.start();
    }
}
