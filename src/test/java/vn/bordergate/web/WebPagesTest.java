package vn.bordergate.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import org.junit.jupiter.api.Test;
import vn.bordergate.common.Language;
import vn.bordergate.common.Texts;
import vn.bordergate.support.EmbeddedServices;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages are served with a policy that lets no injected script run, and small enough for a slow line. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class WebPagesTest {

    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    @Test
    void eachPageForbidsInlineScriptsAndFraming() {
        for (String page : List.of("/console", "/driver", "/display/HUU_NGHI")) {
            String html = given().when().get(page).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    // common.js fetches the texts from this origin
                    .header("Content-Security-Policy", containsString("connect-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe")))
                    .header("X-Content-Type-Options", "nosniff")
                    .extract().asString();
            assertFalse(INLINE_SCRIPT.matcher(html).find(), page + " has an inline script, which the policy would block");
            assertFalse(INLINE_STYLE.matcher(html).find(), page + " has an inline style or handler, which the policy would block");
        }
        given().when().get("/web-pages/console.html").then().statusCode(404);
    }

    @Test
    void theDriversPageLoadsInAFewKilobytes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long total = 0;
        for (String part : List.of("/driver", "/web/app.css", "/web/common.js", "/web/signin.js", "/web/driver.js", "/web/texts.json")) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + part))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, answer.statusCode(), part);
            assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElse(""), part + " is compressed");
            total += answer.body().length;
        }
        System.out.printf("FIGURE driver-page-bytes: %d gzipped (HTML, CSS, scripts and texts; about %.1f s at 3G's 400 kbit/s)%n",
                total, total * 8 / 400_000.0);
        assertTrue(total < 20_000, "the driver's page weighs " + total + " bytes gzipped");
    }

    /** The pages say what the API says: their texts are the bundle's, served whole, and asked again for nothing. */
    @Test
    void thePagesGetTheTextsTheApiSpeaks() {
        Map<String, Map<String, String>> texts = given().when().get("/web/texts.json").then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("Cache-Control", containsString("public"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().as(new TypeRef<>() { });
        assertEquals(Texts.pageTexts(Language.VI), texts.get("vi"));
        assertEquals(Texts.pageTexts(Language.EN), texts.get("en"));
        for (String language : List.of("vi", "en")) {
            given().header("Accept-Language", language).when().get("/api/v1/gates/HUU_NGHI/board").then().statusCode(200)
                    .body("directions[0].today.NO_SHOW.text", equalTo(texts.get(language).get("status.NO_SHOW")));
        }
        given().header("Accept-Language", "vi").when().get("/api/v1/gates/HUU_NGHI/board").then()
                .body("directions.find { it.direction == 'EXPORT' }.directionText",
                        equalTo(texts.get("vi").get("direction.EXPORT")));

        String tag = given().when().get("/web/texts.json").then().extract().header("ETag");
        given().header("If-None-Match", tag).when().get("/web/texts.json").then().statusCode(304)
                .body(emptyString());
    }

    /** Each page reads in Vietnamese before any script runs: the server wrote the bundle's words into it. */
    @Test
    void eachPageComesWithItsWordsWritten() {
        given().when().get("/console").then().statusCode(200)
                .body(containsString("<h1 data-t=\"title\">" + Texts.pageTexts(Language.VI).get("console.title") + "</h1>"))
                .body(containsString("data-t=\"direction.EXPORT\">" + Texts.direction("EXPORT", Language.VI) + "<"));
        given().when().get("/driver").then().statusCode(200)
                .body(containsString("data-t=\"signIn\">" + Texts.pageTexts(Language.VI).get("common.signIn") + "<"));
        given().when().get("/display/HUU_NGHI").then().statusCode(200)
                .body(containsString("lang=\"en\" data-t=\"title\">" + Texts.pageTexts(Language.EN).get("display.title") + "<"));
    }
}
