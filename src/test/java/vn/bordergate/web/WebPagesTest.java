package vn.bordergate.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.EmbeddedServices;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
        for (String part : List.of("/driver", "/web/app.css", "/web/common.js", "/web/signin.js", "/web/driver.js")) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + part))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, answer.statusCode(), part);
            assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElse(""), part + " is compressed");
            total += answer.body().length;
        }
        System.out.printf("FIGURE driver-page-bytes: %d gzipped (HTML, CSS and scripts; about %.1f s at 3G's 400 kbit/s)%n",
                total, total * 8 / 400_000.0);
        assertTrue(total < 20_000, "the driver's page weighs " + total + " bytes gzipped");
    }
}
