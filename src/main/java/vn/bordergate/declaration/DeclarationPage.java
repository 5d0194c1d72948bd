package vn.bordergate.declaration;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. */
public record DeclarationPage(List<DeclarationView> items, String nextCursor) {
}
