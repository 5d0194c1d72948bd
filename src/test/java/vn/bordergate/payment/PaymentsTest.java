package vn.bordergate.payment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bordergate.support.Api;
import vn.bordergate.support.Bank;
import vn.bordergate.support.Database;
import vn.bordergate.support.EmbeddedServices;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.Gates;
import vn.bordergate.support.Tokens;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Cao Bằng trip's fee from its account to its receipt: the VietQR to pay with, the bank's signed credit
 * matched on the reference (once, however often it is sent), partial and over-payment, unmatched credits a
 * finance officer resolves, cash at the gate, and a cancellation that leaves a refund due.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedServices.class, restrictToAnnotatedClass = false)
class PaymentsTest {

    static final String FIRM = Tokens.enterprise(Tokens.FIRM_A);
    static final String FINANCE = Tokens.financeOfficer("CAO_BANG");
    static final long FEE = 462_500;  // 18.5 t of Vietnamese farm products exported: 25,000 VND/t
    static String gate;

    @BeforeEach
    void aCaoBangGate() {
        if (gate == null) {
            gate = Gates.onboard("Tà Lùng", 20, "CAO_BANG");
        }
    }

    @Test
    void aBookedTripShowsWhatItOwesAndAVietQrToPayItWith() {
        String id = trip();
        JsonPath payment = payment(FIRM, id);
        assertEquals("UNPAID", payment.getString("status"));
        assertEquals(FEE, payment.getLong("dueVnd"));
        assertEquals(FEE, payment.getLong("outstandingVnd"));
        String reference = payment.getString("reference");
        assertTrue(reference.matches("BG[0-9A-Z]{10}"), reference);
        assertEquals("970436", payment.getString("account.bankBin"));

        Map<String, String> qr = VietQrTest.parse(payment.getString("vietQr"));
        assertEquals(String.valueOf(FEE), qr.get("54"));
        assertEquals(reference, VietQrTest.parse(qr.get("62")).get("08"));
        assertEquals(VietQrTest.crcOf(payment.getString("vietQr").substring(0, payment.getString("vietQr").length() - 4)),
                qr.get("63"));
        given().auth().oauth2(FIRM).when().get(payment.getString("qrImage")).then().statusCode(200).contentType("image/png");

        assertEquals(reference, payment(FIRM, id).getString("reference"), "the reference does not change");
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_B)).when().get("/api/v1/declarations/" + id + "/payment")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.financeOfficer("LANG_SON")).when().get("/api/v1/declarations/" + id + "/payment")
                .then().statusCode(404);
        assertEquals(reference, payment(FINANCE, id).getString("reference"));
    }

    @Test
    void aCreditNotifiedThreeTimesPaysOnceAndIssuesOneReceipt() {
        String id = trip();
        String reference = payment(FIRM, id).getString("reference");
        String body = Bank.credit("CAO_BANG", Bank.newTransactionId(), FEE, "CK " + reference.toLowerCase() + " phi cua khau");

        Bank.notify(body).then().statusCode(200).body("outcome", equalTo("MATCHED")).body("declarationId", equalTo(id));
        Bank.notify(body).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));
        Bank.notify(body).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        JsonPath paid = payment(FIRM, id);
        assertEquals("PAID", paid.getString("status"));
        assertEquals(FEE, paid.getLong("paidVnd"));
        assertNull(paid.getString("vietQr"));
        assertEquals(1, paid.getList("receipts").size());
        List<String> events = given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id + "/events")
                .then().statusCode(200).extract().path("type");
        assertEquals(1, events.stream().filter("PAYMENT_RECEIVED"::equals).count());
        assertEquals(1, events.stream().filter("RECEIPT_ISSUED"::equals).count());

        String series = paid.getString("receipts[0].series");
        int number = paid.getInt("receipts[0].number");
        assertTrue(series.matches("BGCB[0-9]{2}"), series);
        given().auth().oauth2(FIRM).when().get("/api/v1/receipts/" + series + "/" + number).then().statusCode(200)
                .body("amountVnd", equalTo((int) FEE)).body("kind", equalTo("ORIGINAL"))
                .body("amountInWords", equalTo("Bốn trăm sáu mươi hai nghìn năm trăm đồng"))
                .body("payer.taxCode", equalTo(Tokens.FIRM_A))
                .body("lines[0].name", equalTo("Nông sản Việt Nam xuất khẩu"));
        given().auth().oauth2(FIRM).accept(ContentType.HTML).when().get("/api/v1/receipts/" + series + "/" + number)
                .then().statusCode(200).body(containsString("Bốn trăm sáu mươi hai nghìn năm trăm đồng"));
        given().auth().oauth2(Tokens.enterprise(Tokens.FIRM_B)).when().get("/api/v1/receipts/" + series + "/" + number)
                .then().statusCode(404);
    }

    @Test
    void aForgedOrStaleNotificationIsRefusedAndChangesNothing() {
        String id = trip();
        String reference = payment(FIRM, id).getString("reference");
        String forgedId = Bank.newTransactionId();
        Bank.post(Bank.credit("CAO_BANG", forgedId, FEE, reference), "a-guessed-secret").then().statusCode(401)
                .contentType("application/problem+json").body("type", containsString("bad-signature"));
        given().contentType(ContentType.JSON).body(Bank.credit("CAO_BANG", forgedId, FEE, reference))
                .when().post("/api/v1/payments/bank-notifications").then().statusCode(401);
        String staleId = Bank.newTransactionId();
        Bank.notify(Bank.credit("CAO_BANG", staleId, FEE, reference, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(6)))
                .then().statusCode(401).body("type", containsString("stale-notification"));
        // Lạng Sơn has no notification secret here: nothing it sends is believed.
        Bank.post(Bank.credit("LANG_SON", Bank.newTransactionId(), FEE, reference), Bank.CAO_BANG_SECRET).then().statusCode(401);

        assertEquals(0, Database.count("SELECT count(*) FROM bank_credits WHERE bank_transaction_id IN (?, ?)", forgedId, staleId));
        assertEquals("UNPAID", payment(FIRM, id).getString("status"));
    }

    @Test
    void aPartialPaymentLeavesTheRestDueAndAnOverPaymentARefund() {
        String id = trip();
        String reference = payment(FIRM, id).getString("reference");
        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), 400_000, reference)).then().statusCode(200);
        JsonPath partly = payment(FIRM, id);
        assertEquals("UNPAID", partly.getString("status"));
        assertEquals(62_500, partly.getLong("outstandingVnd"));
        assertEquals("62500", VietQrTest.parse(partly.getString("vietQr")).get("54"));
        assertEquals(0, partly.getList("receipts").size());

        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), 100_000, reference)).then().statusCode(200);
        JsonPath over = payment(FIRM, id);
        assertEquals("REFUND_DUE", over.getString("status"));
        assertEquals(37_500, over.getLong("refundDueVnd"));
        assertEquals(1, over.getList("receipts").size());
    }

    @Test
    void aCreditNamingNoTripWaitsForAFinanceOfficerWhoSaysWhichTripItPays() {
        String id = trip();
        payment(FIRM, id);
        String transaction = Bank.newTransactionId();
        Bank.notify(Bank.credit("CAO_BANG", transaction, FEE, "thanh toan phi xe 12C12345")).then().statusCode(200)
                .body("outcome", equalTo("UNMATCHED"));

        given().auth().oauth2(Tokens.financeOfficer("LANG_SON")).when().get("/api/v1/provinces/CAO_BANG/unmatched-credits")
                .then().statusCode(403);
        given().auth().oauth2(FIRM).when().get("/api/v1/provinces/CAO_BANG/unmatched-credits").then().statusCode(403);
        given().auth().oauth2(FINANCE).when().get("/api/v1/provinces/CAO_BANG/unmatched-credits").then().statusCode(200)
                .body("transactionId", hasItem(transaction));

        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(Map.of("declarationId", id))
                .when().post("/api/v1/provinces/CAO_BANG/unmatched-credits/" + transaction + "/match").then().statusCode(200)
                .body("status", equalTo("PAID"));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(Map.of("declarationId", id))
                .when().post("/api/v1/provinces/CAO_BANG/unmatched-credits/" + transaction + "/match").then().statusCode(409);
        given().auth().oauth2(FINANCE).when().get("/api/v1/provinces/CAO_BANG/unmatched-credits").then().statusCode(200)
                .body("transactionId", not(hasItem(transaction)));
    }

    @Test
    void cashAtTheGateIsTakenByAFinanceOfficerOfTheTripsProvinceOnly() {
        String id = trip();
        given().auth().oauth2(Tokens.financeOfficer("LANG_SON")).contentType(ContentType.JSON)
                .body(Map.of("amountVnd", FEE)).when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(404);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON)
                .body(Map.of("amountVnd", FEE)).when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(403);
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(Map.of("amountVnd", 0))
                .when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(400);
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(Map.of("amountVnd", FEE, "payer", Map.of("name", "Công ty TNHH Vận tải Đồng Đăng", "taxCode", "4900111222")))
                .when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(200)
                .body("status", equalTo("PAID")).body("receipts.size()", equalTo(1));
        JsonPath payment = payment(FIRM, id);
        given().auth().oauth2(FIRM).when().get("/api/v1/receipts/" + payment.getString("receipts[0].series") + "/"
                        + payment.getInt("receipts[0].number")).then().statusCode(200)
                .body("payer.name", equalTo("Công ty TNHH Vận tải Đồng Đăng"));
    }

    @Test
    void aWrongReceiptIsReplacedOnceByOneThatNamesItAndIsKept() {
        String id = trip();
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON)
                .body(Map.of("amountVnd", FEE, "payer", Map.of("name", "Công ty Sai Tên", "taxCode", "4900000001")))
                .when().post("/api/v1/declarations/" + id + "/payment/cash").then().statusCode(200);
        JsonPath paid = payment(FIRM, id);
        String series = paid.getString("receipts[0].series");
        int number = paid.getInt("receipts[0].number");
        String original = "/api/v1/receipts/" + series + "/" + number;
        Map<String, Object> corrected = Map.of("payer", Map.of("name", "Công ty Đúng Tên", "taxCode", "4900000002"));

        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(corrected)
                .when().post(original + "/replacement").then().statusCode(403);
        given().auth().oauth2(Tokens.financeOfficer("LANG_SON")).contentType(ContentType.JSON).body(corrected)
                .when().post(original + "/replacement").then().statusCode(404);
        JsonPath replacement = given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(corrected)
                .when().post(original + "/replacement").then().statusCode(201).extract().jsonPath();
        assertEquals("REPLACEMENT", replacement.getString("kind"));
        assertEquals(number, replacement.getInt("corrects.number"));
        assertEquals("Công ty Đúng Tên", replacement.getString("payer.name"));
        assertEquals(FEE, replacement.getLong("amountVnd"));
        assertTrue(replacement.getInt("number") != number);

        given().auth().oauth2(FIRM).when().get(original).then().statusCode(200)
                .body("payer.name", equalTo("Công ty Sai Tên")).body("kind", equalTo("ORIGINAL"));
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(corrected)
                .when().post(original + "/replacement").then().statusCode(409)
                .body("type", containsString("receipt-replaced"));
        assertEquals(2, payment(FIRM, id).getList("receipts").size());
    }

    @Test
    void aCancelledTripThatWasPaidHasItsPaymentDueBack() {
        String id = trip();
        String reference = payment(FIRM, id).getString("reference");
        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), FEE, reference)).then().statusCode(200);
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "đổi xe"))
                .when().post("/api/v1/declarations/" + id + "/cancel").then().statusCode(200);
        JsonPath cancelled = payment(FIRM, id);
        assertEquals("REFUND_DUE", cancelled.getString("status"));
        assertEquals(0, cancelled.getLong("dueVnd"));
        assertEquals(FEE, cancelled.getLong("refundDueVnd"));

        // The Centre pays it back; the finance officer records it, never more than is due back.
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(Map.of("amountVnd", FEE + 1))
                .when().post("/api/v1/declarations/" + id + "/payment/refunds").then().statusCode(409)
                .body("type", containsString("nothing-to-refund"));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("amountVnd", FEE))
                .when().post("/api/v1/declarations/" + id + "/payment/refunds").then().statusCode(403);
        given().auth().oauth2(FINANCE).contentType(ContentType.JSON).body(Map.of("amountVnd", FEE))
                .when().post("/api/v1/declarations/" + id + "/payment/refunds").then().statusCode(200)
                .body("status", equalTo("REFUNDED")).body("refundDueVnd", equalTo(0));
        assertEquals(1, given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id + "/events").then()
                .extract().<List<String>>path("type").stream().filter("REFUND_PAID"::equals).count());

        String unpaid = trip();
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).body(Map.of("reason", "đổi xe"))
                .when().post("/api/v1/declarations/" + unpaid + "/cancel").then().statusCode(200);
        assertEquals("WAIVED", payment(FIRM, unpaid).getString("status"));
    }

    @Test
    void anAmendmentThatRaisesAPaidFeeLeavesTheDifferenceDueAndItsReceiptAdjustsTheFirst() {
        String id = trip();
        String reference = payment(FIRM, id).getString("reference");
        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), FEE, reference)).then().statusCode(200);
        Map<String, Object> heavier = Map.of("category", "FRESH_FRUIT", "description", "Thanh long", "grossWeightKg", 20_000,
                "customsDeclarationNumbers", List.of("305123456789"));
        given().auth().oauth2(FIRM).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("cargo", heavier))
                .when().patch("/api/v1/declarations/" + id).then().statusCode(200).body("fee.amountVnd", equalTo(500_000));
        JsonPath raised = payment(FIRM, id);
        assertEquals("UNPAID", raised.getString("status"));
        assertEquals(37_500, raised.getLong("outstandingVnd"));

        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), 37_500, reference)).then().statusCode(200);
        JsonPath paid = payment(FIRM, id);
        assertEquals("PAID", paid.getString("status"));
        assertEquals(2, paid.getList("receipts").size());
        given().auth().oauth2(FIRM).when().get("/api/v1/receipts/" + paid.getString("receipts[1].series") + "/"
                        + paid.getInt("receipts[1].number")).then().statusCode(200)
                .body("kind", equalTo("ADJUSTMENT")).body("amountVnd", equalTo(37_500))
                .body("corrects.number", equalTo(paid.getInt("receipts[0].number")))
                .body("amountInWords", equalTo("Ba mươi bảy nghìn năm trăm đồng"));
    }

    @Test
    void aNotificationWithoutAReferenceOrWithABadAmountIsRefusedClearly() {
        Bank.notify("{\"province\":\"CAO_BANG\"").then().statusCode(400).contentType("application/problem+json");
        String body = Bank.credit("CAO_BANG", Bank.newTransactionId(), 0, "BG0000000000");
        Bank.notify(body).then().statusCode(400).body("errors.field", hasItem("amountVnd"));
        given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + trip() + "/payment").then().statusCode(200)
                .body("reference", matchesPattern("BG[0-9A-Z]{10}"));
    }

    /** A booked export of 18.5 t of fresh fruit at the Cao Bằng gate. */
    @Test
    void aFeePayerNamedOnTheDeclarationIsWhoThePaymentAndReceiptName() {
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 10 + (int) (Math.random() * 8)));
        body.put("feePayer", Map.of("name", "Công ty TNHH Vận tải Đồng Đăng", "taxCode", Tokens.FIRM_B,
                "address", "Số 5 Lê Lợi, Cao Bằng", "phone", "0912 345 678"));
        String id = Api.declare(FIRM, body).then().statusCode(201)
                .body("feePayer.name", equalTo("Công ty TNHH Vận tải Đồng Đăng"))
                .body("feePayer.phone", equalTo("+84912345678"))
                .body("taxCode", equalTo(Tokens.FIRM_A)).extract().path("id");
        JsonPath payment = payment(FIRM, id);
        assertEquals(Tokens.FIRM_B, payment.getString("payer.taxCode"));

        // Before it is paid, the firm may name another payer; the declaring firm is the payer when none is named.
        int version = given().auth().oauth2(FIRM).when().get("/api/v1/declarations/" + id).then().statusCode(200)
                .extract().path("version");
        given().auth().oauth2(FIRM).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Map.of("feePayer", Map.of("name", "Chi nhánh Cao Bằng", "taxCode", Tokens.FIRM_B + "-001")))
                .when().patch("/api/v1/declarations/" + id).then().statusCode(200)
                .body("feePayer.taxCode", equalTo(Tokens.FIRM_B + "-001"));

        Bank.notify(Bank.credit("CAO_BANG", Bank.newTransactionId(), FEE, payment.getString("reference")))
                .then().statusCode(200);
        JsonPath paid = payment(FIRM, id);
        given().auth().oauth2(FIRM).when().get("/api/v1/receipts/" + paid.getString("receipts[0].series") + "/"
                        + paid.getInt("receipts[0].number")).then().statusCode(200)
                .body("payer.name", equalTo("Chi nhánh Cao Bằng"))
                .body("payer.taxCode", equalTo(Tokens.FIRM_B + "-001"));
        assertEquals(Tokens.FIRM_A, payment(FIRM, trip()).getString("payer.taxCode"), "no payer named: the declaring firm");
    }

    @Test
    void aFeePayerWithAWrongTaxCodeIsRefusedAndNothingIsBooked() {
        String plate = Fixtures.newPlate();
        Map<String, Object> body = Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 9), plate);
        body.put("feePayer", Map.of("name", "Công ty Sai Mã", "taxCode", "0100109107"));
        Api.declare(FIRM, body).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("feePayer.taxCode"));
        body.put("feePayer", Map.of("taxCode", Tokens.FIRM_B, "phone", "12"));
        Api.declare(FIRM, body).then().statusCode(400)
                .body("errors.field", hasItem("feePayer.name")).body("errors.field", hasItem("feePayer.phone"));
        body.remove("feePayer");
        Api.declare(FIRM, body).then().statusCode(201);
    }

    static String trip() {
        return Api.declare(FIRM, Fixtures.declaration(gate, "EXPORT", Fixtures.slot(2, 10 + (int) (Math.random() * 8))))
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath payment(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/v1/declarations/" + id + "/payment").then().statusCode(200)
                .extract().jsonPath();
    }
}
