package vn.bordergate.payment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.net.URI;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A fee receipt, as JSON or as a page to print; read by whoever may see the trip's fee. */
@Path("/api/v1/receipts/{series}/{number}")
@Tag(name = "Fees")
@Authenticated
public class ReceiptResource {

    private static final Pattern SERIES = Pattern.compile("[A-Z0-9]{2,20}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,8}");

    private final PaymentStatements statements;
    private final Payments payments;
    private final Caller caller;

    public ReceiptResource(PaymentStatements statements, Payments payments, Caller caller) {
        this.statements = statements;
        this.payments = payments;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getReceipt", summary = "A fee receipt",
            description = "Ask with Accept: text/html for a page to print. 404 for a receipt of a trip the caller may not see.")
    public Uni<Receipt> get(@PathParam("series") String series, @PathParam("number") String number) {
        if (!SERIES.matcher(series).matches() || !NUMBER.matcher(number).matches()) {
            throw Problems.notFound("receipt " + series + "/" + number);
        }
        return statements.receipt(series, Integer.parseInt(number))
                .onItem().ifNull().failWith(() -> Problems.notFound("receipt " + series + "/" + number))
                .call(receipt -> payments.readable(caller, receipt.declarationId()).onFailure()
                        .transform(e -> Problems.notFound("receipt " + series + "/" + number)));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "printReceipt", summary = "A fee receipt as a page to print")
    public Uni<String> page(@PathParam("series") String series, @PathParam("number") String number) {
        return get(series, number).map(ReceiptResource::html);
    }

    /** The payer a replacement receipt names instead. */
    @Schema(description = "The corrected payer")
    public record Replacement(@Schema(required = true) Receipt.Payer payer) {
    }

    @POST
    @Path("/replacement")
    @RolesAllowed({Roles.FINANCE_OFFICER, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceReceipt", summary = "Replace a wrong receipt (a finance officer of the trip's province)",
            description = "Issues a REPLACEMENT receipt in this year's series with the same lines and amount and the "
                    + "corrected payer, naming the one it replaces; that one is kept as it was, never deleted. "
                    + "409 receipt-replaced when it was replaced already.")
    @APIResponse(responseCode = "201", description = "The replacement receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    public Uni<Response> replace(@PathParam("series") String series, @PathParam("number") String number, Replacement body) {
        if (body == null || body.payer() == null || body.payer().name() == null || body.payer().name().isBlank()
                || body.payer().name().length() > 200
                || (body.payer().taxCode() != null && body.payer().taxCode().length() > 20)
                || (body.payer().address() != null && body.payer().address().length() > 300)) {
            throw Problems.invalidField("payer", "is required: a name of 1 to 200 characters, taxCode at most 20, address at most 300");
        }
        if (!SERIES.matcher(series).matches() || !NUMBER.matcher(number).matches()) {
            throw Problems.notFound("receipt " + series + "/" + number);
        }
        return payments.replaceReceipt(caller, series, Integer.parseInt(number), body.payer())
                .map(replacement -> Response.created(URI.create("/api/v1/receipts/" + replacement.series() + "/"
                        + replacement.number())).entity(replacement).build());
    }

    static String html(Receipt r) {
        NumberFormat vnd = NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN"));
        StringBuilder lines = new StringBuilder();
        for (Receipt.Line line : r.lines()) {
            lines.append("<tr><td>").append(escape(line.name())).append("</td><td class=n>")
                    .append(vnd.format(line.amountVnd())).append("</td></tr>");
        }
        String corrects = r.corrects() == null ? "" : (r.kind() == Receipt.Kind.REPLACEMENT
                ? "<p>Thay thế biên lai / replaces receipt " : "<p>Điều chỉnh cho biên lai / adjusts receipt ")
                + escape(r.corrects().series()) + " số " + r.corrects().number() + "</p>";
        return "<!doctype html><html lang=vi><head><meta charset=utf-8><title>Biên lai " + escape(r.series()) + " "
                + r.number() + "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}"
                + "td,th{padding:.3em;border-bottom:1px solid #ccc}.n{text-align:right}</style></head><body>"
                + "<h1>Biên lai thu phí sử dụng công trình kết cấu hạ tầng cửa khẩu</h1>"
                + "<p>Ký hiệu / series <b>" + escape(r.series()) + "</b> — Số / number <b>" + String.format("%08d", r.number())
                + "</b></p>" + corrects
                + "<p>Người nộp / payer: " + escape(r.payer().name() == null ? "" : r.payer().name())
                + " — MST / tax code " + escape(r.payer().taxCode() == null ? "" : r.payer().taxCode())
                + (r.payer().address() == null ? "" : " — Địa chỉ / address " + escape(r.payer().address())) + "</p>"
                + "<table><tr><th>Nội dung</th><th class=n>VND</th></tr>" + lines + "<tr><th>Tổng cộng</th><th class=n>"
                + vnd.format(r.amountVnd()) + "</th></tr></table>"
                + "<p>Bằng chữ / in words: <i>" + escape(r.amountInWords()) + "</i></p>"
                + "<p>Ngày / issued " + r.issuedAt() + "</p></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
