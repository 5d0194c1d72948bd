package vn.bordergate.notify;

import java.util.List;

/** One page of a delivery log, newest first; {@code nextCursor} is null on the last page. */
public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
}
