package vn.bordergate.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import vn.bordergate.support.Api;
import vn.bordergate.support.Browser;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.TestClock;
import vn.bordergate.support.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An officer signs in to the console with their account at the province's identity provider, in Debian's
 * Chromium: the console's sign-in link, Keycloak's own login page (the demo realm of deploy/keycloak), back on
 * the console with the officer's role and gate, a truck checked in, then signed out, which ends the session at
 * Keycloak too: signing in again asks for the password again. A province admin signs in the same way and stops
 * a cargo category at a gate from the console. And a driver, who has no account, signs in with the one-time
 * link the firm sent.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class BrowserSignInTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Browser console;

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.installed() || System.getenv("CI") != null,
                "browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
    }

    @AfterEach
    void close() {
        TestClock.reset();
        if (console != null) {
            console.close();
        }
    }

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Keycloak's login page: its form, filled and sent as a person would. */
    void logInAtKeycloak(String username, String password) {
        console.until(WAIT, d -> d.getCurrentUrl().startsWith(EmbeddedServices.keycloak().realmUrl())
                && !console.all("#username").isEmpty());
        console.find("#username").sendKeys(username);
        console.find("#password").sendKeys(password);
        console.click("#kc-login");
    }

    @Test
    void anOfficerSignsInAtTheIdentityProviderWorksAndSignsOut() {
        OffsetDateTime slot = Fixtures.slot(2, 11);
        String plate = Fixtures.newPlate();
        Api.declare(Tokens.enterprise(Tokens.FIRM_A), Fixtures.declaration("HUU_NGHI", "EXPORT", slot, plate))
                .then().statusCode(201);
        TestClock.travelTo(slot.plusMinutes(5));

        console = new Browser("console-sign-in", Browser.DESK);
        console.open(base() + "/console");
        console.until(WAIT, d -> console.find("#provider-signin").isDisplayed());
        console.click("#provider-signin a");
        logInAtKeycloak("yard.huunghi", "demo-yard");

        // Back on the console, signed in as the account says: a yard officer at Hữu Nghị.
        console.until(WAIT, d -> d.getCurrentUrl().equals(base() + "/console") && console.find("#who").isDisplayed()
                && "live".equals(console.find("#state").getAttribute("data-state")));
        assertTrue(console.text("#who").startsWith("yard.huunghi"), console.text("#who"));
        assertTrue(console.text("#who").contains("yard-officer"), console.text("#who"));
        assertEquals("HUU_NGHI", new Select(console.find("#gate")).getFirstSelectedOption().getAttribute("value"));

        // The console works with the session's token: the truck is checked in by its plate.
        new Select(console.find("#plate-direction")).selectByValue("EXPORT");
        console.find("#plate").sendKeys(plate + Keys.ENTER);
        console.until(WAIT, d -> console.text("#checkin-result").contains("Đã vào bãi"));
        assertTrue(console.text("#checkin-result").contains(plate), console.text("#checkin-result"));

        // Signing out ends the session here and at the provider: back to the sign-in, and the provider asks again.
        console.click("#signout");
        console.until(WAIT, d -> d.getCurrentUrl().startsWith(base() + "/console?") && console.find("#provider-signin").isDisplayed());
        console.click("#provider-signin a");
        console.until(WAIT, d -> d.getCurrentUrl().startsWith(EmbeddedServices.keycloak().realmUrl())
                && !console.all("#username").isEmpty());
        assertEquals(401, RestAssured.given().get("/console/session").statusCode());

        List<String> errors = console.javaScriptErrors();
        assertTrue(errors.isEmpty(), "JavaScript errors: " + errors);
    }

    @Test
    void aDriverSignsInWithTheLinkTheirFirmSentAndTheCodeIsGoneFromTheAddress() {
        String id = Api.declare(Tokens.enterprise(Tokens.FIRM_A), Fixtures.declaration("HUU_NGHI", "EXPORT", Fixtures.spareSlot(14)))
                .then().statusCode(201).extract().path("id");
        String link = RestAssured.given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A))
                .post("/api/v1/declarations/" + id + "/driver-sign-in-codes").then().statusCode(201).extract().path("link");

        console = new Browser("driver-link", Browser.PHONE);
        console.open(base() + link);
        console.until(WAIT, d -> !console.all("#trips .card[data-id='" + id + "']").isEmpty());
        assertEquals(base() + "/driver", console.driver().getCurrentUrl());

        // The link was spent: opened again (a forwarded SMS, say), it signs nobody in.
        console.script("sessionStorage.clear()");
        console.open("about:blank");
        console.open(base() + link);
        console.until(WAIT, d -> console.find("#signin").isDisplayed() && !console.text("#signin-result").isEmpty());
        assertTrue(console.text("#signin-result").startsWith("Mã không hợp lệ"), console.text("#signin-result"));
    }

    @Test
    void aProvinceAdminSignedInAtTheProviderStopsFreshFruitFromTheConsole() {
        String gate = Gates.onboard("Cửa khẩu quy định trên bàn làm việc", 5);
        OffsetDateTime ten = Fixtures.slot(2, 10);
        io.restassured.response.Response declared = Api.declare(Tokens.enterprise(Tokens.FIRM_A), Fixtures.declaration(gate, "EXPORT", ten));
        String booked = declared.then().statusCode(201).extract().path("reference");
        String bookedId = declared.path("id");

        console = new Browser("console-rules", Browser.DESK);
        console.open(base() + "/console/sign-in");
        logInAtKeycloak("admin.langson", "demo-admin");
        console.until(WAIT, d -> console.find("#who").isDisplayed() && console.find("#rules-panel").isDisplayed());
        new Select(console.find("#gate")).selectByValue(gate);
        console.until(WAIT, d -> console.text("#rules").equals("Cửa khẩu chưa có quy định riêng."));

        // The fixtures' truck carries fresh fruit: the preview names it, and nothing is set yet.
        String day = ten.toLocalDate().toString();
        console.script("document.getElementById('rule-from').value = arguments[0];"
                + "document.getElementById('rule-to').value = arguments[1];", day + "T08:00", day + "T12:00");
        new Select(console.find("#rule-category")).selectByValue("FRESH_FRUIT");
        console.find("#rule-reason-vi").sendKeys("Bãi phía bạn đã đầy");
        console.find("#rule-reason-en").sendKeys("The other side's yards are full");
        console.click("#rule-form button[type=submit]");
        console.until(WAIT, d -> console.text("#rule-result").contains(booked));
        assertTrue(console.text("#rule-result").startsWith("Xem trước: 1 "), console.text("#rule-result"));
        RestAssured.given().get("/api/v1/gates/" + gate + "/rules").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));

        console.click("#rule-apply");
        console.until(WAIT, d -> console.text("#rules").startsWith("Tạm dừng tiếp nhận: Hoa quả tươi"));
        assertTrue(console.text("#rules").contains("Bãi phía bạn đã đầy"), console.text("#rules"));
        // The fruit truck booked at 10:00 was moved out of the stop, to 12:00, the nearest open slot after it.
        assertTrue(console.text("#rule-result").contains("Xe đã chuyển khung: 1"), console.text("#rule-result"));
        RestAssured.given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A)).get("/api/v1/declarations/" + bookedId)
                .then().statusCode(200).body("slot.start", org.hamcrest.Matchers.equalTo(Fixtures.iso(Fixtures.slot(2, 12))));
        Api.declare(Tokens.enterprise(Tokens.FIRM_A), Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 11)))
                .then().statusCode(409);

        // A declaration window of one day, set through the API, now says the booked trip lies beyond it: its
        // driver reads why he should call his firm.
        RestAssured.given().auth().oauth2(Tokens.provinceAdmin("LANG_SON")).contentType("application/json")
                .body(java.util.Map.of("kind", "DECLARATION_WINDOW", "maxDaysAhead", 1,
                        "validFrom", Fixtures.iso(OffsetDateTime.now().minusMinutes(1)),
                        "reason", java.util.Map.of("vi", "Phía bạn chỉ nhận khai báo trước 1 ngày", "en", "The partner side takes 1 day")))
                .post("/api/v1/gates/" + gate + "/rules").then().statusCode(201);
        String link = RestAssured.given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_A))
                .post("/api/v1/declarations/" + bookedId + "/driver-sign-in-codes").then().statusCode(201).extract().path("link");
        try (Browser driver = new Browser("driver-flagged", Browser.PHONE)) {
            driver.open(base() + link);
            driver.until(WAIT, d -> !driver.all(".card[data-id='" + bookedId + "'] .rule-flag").isEmpty());
            assertTrue(driver.text(".card[data-id='" + bookedId + "'] .rule-flag").contains("Phía bạn chỉ nhận khai báo trước 1 ngày"),
                    driver.text(".card[data-id='" + bookedId + "'] .rule-flag"));
        }

        // Both rules listed (the console reads them again when the gate is chosen); the admin ends them.
        new Select(console.find("#gate")).selectByValue("HUU_NGHI");
        new Select(console.find("#gate")).selectByValue(gate);
        console.until(WAIT, d -> console.all("#rules li button").size() == 2);
        console.click("#rules li button");
        console.until(WAIT, d -> console.all("#rules li button").size() == 1);
        console.click("#rules li button");
        console.until(WAIT, d -> console.text("#rules").equals("Cửa khẩu chưa có quy định riêng."));
        List<String> errors = console.javaScriptErrors();
        assertTrue(errors.isEmpty(), "JavaScript errors: " + errors);
    }

    @Test
    void aWrongPasswordLeavesTheOfficerAtTheProvidersLoginPage() {
        console = new Browser("console-wrong-password", Browser.DESK);
        console.open(base() + "/console/sign-in");
        logInAtKeycloak("yard.huunghi", "not-the-password");

        console.until(WAIT, d -> !console.all("#input-error, .kc-feedback-text, [id*=error]").isEmpty());
        assertTrue(console.driver().getCurrentUrl().startsWith(EmbeddedServices.keycloak().realmUrl()));
    }
}
