package vn.bordergate.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What text is kept as sent, in a body (StorableText) and in an address as it arrives (AddressText). */
class StorableTextTest {

    @Test
    void textWithEveryPairWholeIsStorable() {
        for (String text : List.of("", "Nguyễn Văn Ánh", "桂A12345", "😀🚚", "Thanh long ruột đỏ")) {
            assertNull(StorableText.fault(text), text);
        }
    }

    @Test
    void nulAndHalfAPairAreNot() {
        for (String text : List.of("a\u0000b", "a\ud800b", "a\udc00b", "a\udc00\ud800b", "\ud83d", "🚚\ude9a", "end\ud800")) {
            assertNotNull(StorableText.fault(text), text);
        }
    }

    @Test
    void anAddressIsTextWhenItsBytesAreUtf8() {
        // As the HTTP layer hands the request line over: one char per byte, %XX left encoded.
        String rawUtf8 = new String("/api/v1/gates/桂".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String uri : List.of("/api/v1/gates/HUU_NGHI/slots?direction=EXPORT&date=2027-01-01",
                "/api/v1/gates/%E6%A1%82", "/api/v1/declarations?plate=29C-123.45%20", "/api/v1/declaration%73",
                "/api/v1/x?emoji=%F0%9F%9A%9A", rawUtf8)) {
            assertNull(AddressText.fault(uri), uri);
        }
    }

    @Test
    void anAddressThatIsNoTextIsRefused() {
        for (String uri : List.of("/api/v1/gates/HUU%00NGHI", "/api/v1/gates/HUU\u0000NGHI", "/api/v1/gates/%ED%A0%80",
                "/api/v1/gates/%ED%B0%80", "/x?gate=%FF", "/x?gate=%C0%80", "/x?gate=%E6%A1", "/x?gate=%E6%A1%",
                "/x?gate=%zz", "/x?gate=%F0%9F%9A", "/api/v1/gates/\u00ED\u00A0\u0080")) {
            assertNotNull(AddressText.fault(uri), uri);
        }
    }
}
