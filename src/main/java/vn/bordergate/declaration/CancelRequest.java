package vn.bordergate.declaration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import vn.bordergate.http.Problems;

/** Why a firm cancels a booking; optional, kept in the audit trail. */
public record CancelRequest(
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why the booking is cancelled",
                maxLength = 500, examples = "Xe hỏng / truck broke down") String reason) {

    static final int MAX_REASON = 500;

    /** Cancel may be sent with no body at all (and then often with no Content-Type), so it is read by hand. */
    public static CancelRequest parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return new CancelRequest(null);
        }
        try {
            CancelRequest request = json.readValue(body, CancelRequest.class);
            if (request == null) {
                // The JSON literal null: no reason given, as with no body (found by ApiFuzzIT).
                return new CancelRequest(null);
            }
            if (request.reason() != null && request.reason().length() > MAX_REASON) {
                throw Problems.invalidField("reason", "must be at most " + MAX_REASON + " characters");
            }
            return request;
        } catch (InvalidFormatException e) {
            // Text the JSON reader refuses (NUL, half a surrogate pair) is named by its field, as in every other body.
            if (e.getTargetType() == String.class) {
                throw Problems.invalidField("reason", e.getOriginalMessage());
            }
            throw Problems.invalidField("(body)", "must be empty or {\"reason\": \"...\"}");
        } catch (JsonProcessingException e) {
            throw Problems.invalidField("(body)", "must be empty or {\"reason\": \"...\"}");
        }
    }
}
