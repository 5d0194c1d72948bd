package vn.bordergate.declaration;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The answer to a batch: one result per submitted item, in order, plus totals. */
public record BatchResult(int accepted, int refused, List<Item> results) {

    /** One item's outcome: status 201 with the declaration, or the item's problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, int status, DeclarationView declaration, Map<String, Object> problem) {
    }
}
