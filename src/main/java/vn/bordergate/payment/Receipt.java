package vn.bordergate.payment;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationRequest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The receipt of a trip's fee: numbered in its collector's series for the year, never deleted or changed. A fee
 * raised after it was paid gets an ADJUSTMENT receipt for the difference that names the receipt it adds to; a
 * wrong receipt is replaced by a REPLACEMENT (same lines and amount, corrected payer) that names it.
 */
@Schema(description = "A fee receipt: series and number (restarting each 1 January), payer, lines and amount")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        @Schema(examples = "BGCB26", maxLength = 20) String series,
        @Schema(examples = "1") int number,
        UUID declarationId,
        Kind kind,
        @Schema(description = "The receipt this one adjusts or replaces") Number corrects,
        Payer payer,
        @Schema(maxItems = 21) List<Line> lines,
        @Schema(examples = "5500000") long amountVnd,
        @Schema(examples = "Năm triệu năm trăm nghìn đồng", maxLength = 300) String amountInWords,
        OffsetDateTime issuedAt) {

    public enum Kind {
        ORIGINAL, ADJUSTMENT, REPLACEMENT
    }

    /** A receipt's series and number. */
    public record Number(@Schema(maxLength = 20) String series, int number) {
    }

    /**
     * Who paid: the payer a cash payment named, else the fee payer on the declaration, else the declaring firm
     * (by its tax code).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payer(@Schema(maxLength = 200) String name, @Schema(maxLength = 20) String taxCode,
                        @Schema(maxLength = 300) String address) {

        /** Whom a trip's payment is receipted to unless the payment itself names someone. */
        static Payer of(Declaration d) {
            DeclarationRequest.FeePayer named = d.feePayer();
            return named == null ? new Payer(null, d.taxCode(), null)
                    : new Payer(named.name(), named.taxCode(), named.address());
        }
    }

    /** One line: a band or multiplier of the fee, or the difference an adjustment receipts. */
    public record Line(@Schema(maxLength = 200) String name, long amountVnd) {
    }

    static Receipt of(Row row) {
        String correctsSeries = row.getString("corrects_series");
        return new Receipt(row.getString("series"), row.getInteger("number"), row.getUUID("declaration_id"),
                Kind.valueOf(row.getString("kind")),
                correctsSeries == null ? null : new Number(correctsSeries, row.getInteger("corrects_number")),
                row.getJsonObject("payer").mapTo(Payer.class),
                row.getJsonArray("lines").stream().map(line -> ((JsonObject) line).mapTo(Line.class)).toList(),
                row.getLong("amount_vnd"), row.getString("amount_words"), row.getOffsetDateTime("issued_at"));
    }
}
