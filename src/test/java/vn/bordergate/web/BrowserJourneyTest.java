package vn.bordergate.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.bordergate.support.Api;
import vn.bordergate.support.Bank;
import vn.bordergate.support.Browser;
import vn.bordergate.support.CuttableProxy;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A truck's whole crossing as the people at the gate see it, in Debian's Chromium: booked through the API,
 * checked in on the console by QR (typed as a USB scanner types), called by the supervisor, shown on the
 * yard's display, decided by three agencies, released and exited, with the driver's page following along.
 * JavaScript errors on any page fail the test. Screenshots of each screen at desk and phone size go to
 * {@code -Dscreens=} (default target/screens; docs/screens holds the committed ones).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BrowserJourneyTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Path SCREENS = Path.of(System.getProperty("screens", "target/screens"));
    static final String FIRM = Tokens.enterprise("0100109106-717");
    /** A driver of his own: the other tests' trucks all have the fixtures' driver. */
    static final String PHONE = "09" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999));
    static final String DRIVER = Tokens.driver(PHONE);

    private final List<Browser> browsers = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private CuttableProxy proxy;

    @BeforeEach
    void needsChromium() {
        // CI installs Debian's chromium and chromium-driver (.ci/run); there a missing browser is a failure.
        Assumptions.assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
    }

    @AfterEach
    void closeAll() throws Exception {
        TestClock.reset();
        browsers.forEach(Browser::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    static String masked(String plate) {
        return plate.substring(0, 4) + "***." + plate.substring(plate.length() - 2);
    }

    @SuppressWarnings("unchecked")
    static String declare(String gate, OffsetDateTime slot, String plate) {
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", slot, plate);
        ((Map<String, Object>) body.get("driver")).put("phone", PHONE);
        return Api.declare(FIRM, body).then().statusCode(201).extract().path("id");
    }

    Browser browser(String name, org.openqa.selenium.Dimension size) {
        Browser browser = new Browser(name, size);
        browsers.add(browser);
        return browser;
    }

    void collectErrors() {
        browsers.forEach(b -> errors.addAll(b.javaScriptErrors()));
    }

    /** Both sizes of the screen as it is now. */
    void screens(Browser browser, String name, org.openqa.selenium.Dimension size) {
        browser.resize(Browser.DESK);
        browser.screenshot(SCREENS, name + "-desk.png");
        browser.resize(Browser.PHONE);
        browser.screenshot(SCREENS, name + "-phone.png");
        browser.resize(size);
    }

    static void signIn(Browser console, String role, String gate) {
        console.open(base() + "/console");
        console.until(WAIT, d -> console.find("#demo-form").isDisplayed());
        new Select(console.find("#demo-role")).selectByValue(role);
        WebElement gates = console.find("#demo-gates");
        gates.clear();
        gates.sendKeys(gate);
        console.click("#demo-form button[type=submit]");
        console.until(WAIT, d -> !console.find("#signin").isDisplayed() && console.find("#state").getAttribute("data-state").equals("live"));
    }

    static void signOut(Browser console) {
        console.click("#signout");
        console.until(WAIT, d -> console.find("#signin").isDisplayed());
    }

    @Test
    void aTruckCrossesWithEveryonesPageFollowingAlong() throws Exception {
        String gate = Gates.onboard("Đồng Đăng", 5);
        OffsetDateTime ten = Fixtures.slot(1, 10);
        String plate = Fixtures.newPlate();
        String id = declare(gate, ten, plate);
        String laterPlate = Fixtures.newPlate();
        declare(gate, Fixtures.slot(1, 15), laterPlate);
        String movingPlate = Fixtures.newPlate();
        String moving = declare(gate, Fixtures.slot(1, 12), movingPlate);
        TestClock.travelTo(ten.plusMinutes(5));
        String card = ".card[data-id='" + id + "']";

        // The driver signs in on his phone and sees his trips with the QR code to show at the yard.
        Browser driver = browser("driver", Browser.PHONE);
        driver.open(base() + "/driver");
        driver.until(WAIT, d -> driver.find("#demo-form").isDisplayed());
        driver.find("#demo-phone").clear();
        driver.find("#demo-phone").sendKeys(PHONE);
        driver.click("#demo-form button[type=submit]");
        driver.until(WAIT, d -> !driver.all(card + "[data-status=BOOKED] img.qr").isEmpty()
                && (Boolean) driver.script("return document.querySelector(arguments[0]).naturalWidth > 0", card + " img.qr"));
        assertEquals(3, driver.all("#trips .card").size(), "all three of his trips under way");
        screens(driver, "driver-booked", Browser.PHONE);

        // The yard's display, through a relay the test can cut.
        proxy = new CuttableProxy(RestAssured.port);
        Browser display = browser("display", Browser.DESK);
        display.open(base() + "/display/NO_SUCH_GATE");
        display.until(WAIT, d -> display.text("#directions").contains("Không có cửa khẩu NO_SUCH_GATE"));
        display.open("http://localhost:" + proxy.port() + "/display/" + gate);
        display.until(WAIT, d -> "live".equals(display.find("#state").getAttribute("data-state"))
                && display.all("section.direction").size() == 2);
        assertTrue(display.text("h1").contains("Đồng Đăng"));

        // Yard officer: the scanner types the QR token into the focused field and presses Enter.
        Browser console = browser("console", Browser.DESK);
        signIn(console, "yard-officer", gate);
        assertEquals("qr", console.driver().switchTo().activeElement().getAttribute("id"), "the QR field has the focus");
        String qr = given().auth().oauth2(DRIVER).accept("application/json").get("/api/v1/declarations/" + id + "/qr").then().statusCode(200).extract().path("token");
        console.driver().switchTo().activeElement().sendKeys(qr + Keys.ENTER);
        console.until(WAIT, d -> console.text("#checkin-result").contains("Đã vào bãi"));
        assertTrue(console.text("#checkin-result").contains(plate), console.text("#checkin-result"));
        console.until(WAIT, d -> !console.all("#yard tr[data-plate='" + plate + "']").isEmpty());
        // A truck too early is refused in words, with the time its window opens.
        console.find("#plate").sendKeys(laterPlate + Keys.ENTER);
        console.until(WAIT, d -> console.text("#checkin-result").contains("14:30"));
        assertTrue(console.text("#checkin-result").startsWith("Quá sớm"), console.text("#checkin-result"));
        driver.until(WAIT, d -> driver.text(card + " .status").equals("Đã vào bãi chờ"));
        display.until(WAIT, d -> !display.all("li.truck[data-plate='" + masked(plate) + "']").isEmpty());
        screens(console, "console-yard-officer", Browser.DESK);
        collectErrors();

        // Supervisor: the call-up with the keyboard alone, then a capacity cut previewed (which bookings move) and applied.
        signOut(console);
        signIn(console, "gate-supervisor", gate);
        console.until(WAIT, d -> !console.all("#yard tr[data-plate='" + plate + "']").isEmpty());
        WebElement count = console.driver().switchTo().activeElement();
        assertEquals("call-count", count.getAttribute("id"), "the number of trucks to call has the focus");
        count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
        long calledAt = System.nanoTime();
        count.sendKeys(Keys.ENTER);
        long onDisplay = -1;
        long onPhone = -1;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((onDisplay < 0 || onPhone < 0) && System.nanoTime() < deadline) {
            if (onDisplay < 0 && !display.all("li.truck.calling[data-plate='" + masked(plate) + "']").isEmpty()) {
                onDisplay = (System.nanoTime() - calledAt) / 1_000_000;
            }
            if (onPhone < 0 && !driver.all(card + "[data-status=CALLED]").isEmpty()) {
                onPhone = (System.nanoTime() - calledAt) / 1_000_000;
            }
        }
        System.out.printf("FIGURE call-up-shown: display_ms=%d driver_page_ms=%d (from the supervisor's Enter)%n", onDisplay, onPhone);
        assertTrue(onDisplay >= 0, "the call-up reaches the yard display");
        assertTrue(onPhone >= 0, "the call-up reaches the driver's page");
        assertTrue(driver.text(card).contains("Mời xe vào cổng ngay!"));
        String day = ten.toLocalDate().toString();
        console.script("document.getElementById('capacity-from').value = arguments[0];"
                + "document.getElementById('capacity-to').value = arguments[1];", day + "T12:00", day + "T13:00");
        console.find("#capacity-value").sendKeys("0");
        console.click("#capacity-form button[type=submit]");
        console.until(WAIT, d -> console.text("#capacity-result").contains("→"));
        String reference = given().auth().oauth2(FIRM).get("/api/v1/declarations/" + moving).then().extract().path("reference");
        assertTrue(console.text("#capacity-result").contains(reference + ": "), console.text("#capacity-result"));
        given().auth().oauth2(FIRM).get("/api/v1/declarations/" + moving).then()
                .body("slot.start", org.hamcrest.Matchers.equalTo(Fixtures.iso(Fixtures.slot(1, 12))));
        screens(console, "console-capacity-preview", Browser.DESK);
        console.click("#capacity-apply");
        console.until(WAIT, d -> console.text("#capacity-result").contains("Đã áp dụng"));
        given().auth().oauth2(FIRM).get("/api/v1/declarations/" + moving).then()
                .body("slot.start", org.hamcrest.Matchers.equalTo(Fixtures.iso(Fixtures.slot(1, 13))));

        console.until(WAIT, d -> !console.all("#passage tr[data-plate='" + plate + "'][data-status=CALLED]").isEmpty());
        console.click("#passage tr[data-plate='" + plate + "'] button[data-step=arrival]");
        screens(console, "console-supervisor", Browser.DESK);
        screens(display, "display-calling", Browser.DESK);
        screens(driver, "driver-called", Browser.PHONE);
        collectErrors();

        // Customs, border guard and quarantine (fresh fruit) each clear the truck at their desk.
        for (String agency : List.of("customs", "border-guard", "quarantine")) {
            signOut(console);
            signIn(console, agency, gate);
            String decision = ".decision-card[data-plate='" + plate + "']";
            console.until(WAIT, d -> !console.all(decision).isEmpty());
            assertTrue(console.text(decision).contains("Thanh long ruột đỏ") && console.text(decision).contains("305123456789"),
                    "cargo and documents are on the card");
            if (agency.equals("customs")) {
                screens(console, "console-customs", Browser.DESK);
            }
            console.find(decision + " input").sendKeys("Đã kiểm tra " + agency);
            console.click(decision + " button[type=submit]");
            console.until(WAIT, d -> console.all(decision).isEmpty());
        }
        driver.until(WAIT, d -> driver.text(card + " .status").equals("Đã được thông quan"));

        // The supervisor records the exit; the statistics count the crossing.
        signOut(console);
        signIn(console, "gate-supervisor", gate);
        String released = "#passage tr[data-plate='" + plate + "'][data-status=RELEASED] button[data-step=exit]";
        console.until(WAIT, d -> !console.all(released).isEmpty());
        console.click(released);
        driver.until(WAIT, d -> driver.text(card + " .status").equals("Đã qua cửa khẩu"));
        driver.click("#language");
        driver.until(WAIT, d -> driver.text(card + " .status").equals("Crossed the border"));
        driver.click("#language");
        console.script("document.getElementById('stats-from').value = arguments[0];"
                + "document.getElementById('stats-to').value = arguments[0];", day);
        console.click("#stats-form button[type=submit]");
        console.until(WAIT, d -> console.all("#stats svg.chart").size() == 4
                && console.find("#stats svg.chart").getAttribute("aria-label").contains(": " + day.substring(5) + " Xuất khẩu 1"));
        console.script("document.getElementById('stats-panel').scrollIntoView()");
        screens(console, "console-statistics", Browser.DESK);
        screens(driver, "driver-exited", Browser.PHONE);

        // The display loses its network, a truck checks in meanwhile, and the screen catches up by itself.
        proxy.cut();
        display.until(WAIT, d -> !"live".equals(display.find("#state").getAttribute("data-state")));
        String latePlate = Fixtures.newPlate();
        declare(gate, ten, latePlate);
        given().auth().oauth2(Tokens.officer("yard-officer", gate)).contentType("application/json")
                .body(Map.of("plate", latePlate, "direction", "EXPORT")).post("/api/v1/gates/" + gate + "/check-ins")
                .then().statusCode(201);
        Thread.sleep(1500);
        long restoredAt = System.nanoTime();
        proxy.restore();
        display.until(WAIT, d -> "live".equals(display.find("#state").getAttribute("data-state"))
                && !display.all("li.truck[data-plate='" + masked(latePlate) + "']").isEmpty());
        System.out.printf("FIGURE display-recovery: caught_up_ms=%d after the network came back%n",
                (System.nanoTime() - restoredAt) / 1_000_000);
        // A connection that dies without a word (no reset): the display's check against the API notices.
        proxy.silence();
        String silentPlate = Fixtures.newPlate();
        declare(gate, ten, silentPlate);
        long silencedAt = System.nanoTime();
        given().auth().oauth2(Tokens.officer("yard-officer", gate)).contentType("application/json")
                .body(Map.of("plate", silentPlate, "direction", "EXPORT")).post("/api/v1/gates/" + gate + "/check-ins")
                .then().statusCode(201);
        display.until(Duration.ofSeconds(45), d -> !display.all("li.truck[data-plate='" + masked(silentPlate) + "']").isEmpty());
        System.out.printf("FIGURE display-silent-drop: caught_up_ms=%d (pages check their stream against the API every 20 s)%n",
                (System.nanoTime() - silencedAt) / 1_000_000);
        screens(display, "display-yard", Browser.DESK);

        // Accessibility basics: every control has a label; text passes WCAG AA contrast on every page.
        for (Browser page : List.of(console, driver)) {
            assertEquals(List.of(), page.script(UNLABELLED), page + ": controls without a label");
        }
        for (Browser page : List.of(display, console, driver)) {
            double lowest = ((Number) page.script(LOWEST_CONTRAST)).doubleValue();
            System.out.printf("FIGURE %s-contrast: lowest=%.1f:1 (WCAG AA asks 4.5:1)%n", page, lowest);
            assertTrue(lowest >= 4.5, page + " text contrast " + lowest);
        }

        collectErrors();
        assertEquals(List.of(), errors, "JavaScript errors on the pages");
    }

    /**
     * A Cao Bằng finance officer on the console: the day's figures as the fee report gives them, a credit whose
     * transfer named no trip paid to the trip it was for, and the rest taken in cash at the desk.
     */
    @Test
    void aFinanceOfficerMatchesACreditAndTakesTheRestInCash() {
        String gate = Gates.onboard("Trà Lĩnh", 5, "CAO_BANG");
        OffsetDateTime slot = Fixtures.slot(2, 9);
        String id = declare(gate, slot, Fixtures.newPlate());
        long due = given().auth().oauth2(FIRM).get("/api/v1/declarations/" + id + "/payment").then().statusCode(200)
                .extract().jsonPath().getLong("dueVnd");
        String transaction = Bank.newTransactionId();
        Bank.notify(Bank.credit("CAO_BANG", transaction, 100_000, "chuyen tien phi xe")).then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("UNMATCHED"));

        Browser console = browser("console-finance", Browser.DESK);
        console.open(base() + "/console");
        console.until(WAIT, d -> console.find("#demo-form").isDisplayed());
        new Select(console.find("#demo-role")).selectByValue("finance-officer");
        console.find("#demo-provinces").clear();
        console.find("#demo-provinces").sendKeys("CAO_BANG");
        console.click("#demo-form button[type=submit]");
        console.until(WAIT, d -> console.find("#finance-panel").isDisplayed());
        assertTrue(!console.find("#yard-panel").isDisplayed(), "a finance officer has no yard to run");

        String day = slot.toLocalDate().toString();
        console.script("document.getElementById('finance-from').value = arguments[0];"
                + "document.getElementById('finance-to').value = arguments[0];", day);
        console.click("#finance-form button[type=submit]");
        String row = "#unmatched-credits tr[data-transaction='" + transaction + "']";
        console.until(WAIT, d -> !console.all(row).isEmpty());
        long trips = given().auth().oauth2(Tokens.financeOfficer("CAO_BANG"))
                .get("/api/v1/provinces/CAO_BANG/fee-reports?from=" + day + "&to=" + day).then().statusCode(200)
                .extract().jsonPath().getLong("total.trips");
        console.until(WAIT, d -> console.text("#finance-figures tr[data-figure=trips] td").equals(String.valueOf(trips)));

        console.find(row + " input").sendKeys(id + Keys.ENTER);
        console.until(WAIT, d -> console.text("#finance-result").startsWith("Đã khớp")
                && console.all(row).isEmpty()
                && "UNPAID".equals(console.find("#trip-status").getAttribute("data-status")));
        screens(console, "console-finance-officer", Browser.DESK);
        console.click("#cash-form button[type=submit]");
        console.until(WAIT, d -> "PAID".equals(console.find("#trip-status").getAttribute("data-status")));
        assertTrue(console.text("#trip-payment").contains("Biên lai"), console.text("#trip-payment"));
        assertEquals(due, given().auth().oauth2(FIRM).get("/api/v1/declarations/" + id + "/payment").then()
                .statusCode(200).extract().jsonPath().getLong("paidVnd"), "the credit and the cash cover the fee");
        assertEquals(List.of(), console.script(UNLABELLED), "every control has a label");
        collectErrors();
        assertEquals(List.of(), errors, "JavaScript errors on the page");
    }

    /**
     * A page whose texts are slow to come (here: refused for a while, as on a line that drops) shows the words
     * the server wrote into it, waits for the rest without an error, and then works in both languages.
     */
    @Test
    void aPageWaitsForItsTextsAndThenWorks() throws Exception {
        Browser driver = browser("driver-late-texts", Browser.PHONE);
        driver.driver().executeCdpCommand("Network.enable", Map.of());
        driver.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/web/texts.json")));
        driver.open(base() + "/driver");
        driver.until(WAIT, d -> driver.text("h1").equals("Chuyến xe của tôi"));
        Thread.sleep(2500); // long enough for the page to have asked twice
        assertTrue(!driver.find("#signin").isDisplayed(), "the page does not start without its texts");
        driver.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        driver.until(WAIT, d -> driver.find("#demo-form").isDisplayed());
        assertEquals("Đăng nhập", driver.text("#signin-title"));
        driver.click("#language");
        driver.until(WAIT, d -> driver.text("h1").equals("My trips") && driver.text("#signin-title").equals("Sign in"));
        collectErrors();
        assertEquals(List.of(), errors, "JavaScript errors on the page");
    }

    /** Visible form controls with neither a label nor an aria-label. */
    static final String UNLABELLED = "return [...document.querySelectorAll('input, select, textarea')]"
            + ".filter(c => c.offsetParent !== null && c.labels.length === 0 && !c.getAttribute('aria-label'))"
            + ".map(c => c.id || c.outerHTML);";

    /** The lowest contrast ratio of any visible text on the page against the background it sits on. */
    static final String LOWEST_CONTRAST = """
            const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
            const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
            let lowest = 21;
            for (const el of document.querySelectorAll('body *')) {
              const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own || el.offsetParent === null) continue;
              const a = luminance(rgb(getComputedStyle(el).color)), b = luminance(background(el));
              lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
            }
            return lowest;""";
}
