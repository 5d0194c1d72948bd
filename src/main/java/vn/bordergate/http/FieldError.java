package vn.bordergate.http;

/** One invalid input field, named by its JSON path (e.g. {@code cargo.containerNumbers[0]}). */
public record FieldError(String field, String message) {
}
