package vn.bordergate.declaration;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import org.junit.jupiter.api.Test;
import vn.bordergate.common.ProblemException;
import vn.bordergate.slot.AdmissionConfig;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Past its bound, an instance refuses a booking at once with 429 and Retry-After instead of queueing it. */
class BookingGateTest {

    static AdmissionConfig bound(int max) {
        return (AdmissionConfig) Proxy.newProxyInstance(AdmissionConfig.class.getClassLoader(), new Class<?>[]{AdmissionConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxBookingsInFlight" -> max;
                    case "retryAfterSeconds" -> 2;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theBookingPastTheBoundIsRefusedWith429AndRetryAfter() {
        BookingGate gate = new BookingGate(bound(2));
        List<UnicastProcessor<String>> pending = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UnicastProcessor<String> never = UnicastProcessor.create();
            pending.add(never);
            gate.admit(() -> Uni.createFrom().publisher(never)).subscribe().with(answers::add, answers::add);
        }
        assertEquals(1, answers.size(), "two bookings are in progress, the third is answered at once");
        ProblemException refusal = assertInstanceOf(ProblemException.class, answers.get(0));
        assertEquals(429, refusal.status());
        assertEquals(2, refusal.retryAfterSeconds());

        pending.get(0).onNext("done");
        pending.get(0).onComplete();
        assertEquals(1, gate.inFlight(), "a finished booking frees its place in the bound");
        gate.admit(() -> Uni.createFrom().item("next")).subscribe().with(answers::add, answers::add);
        assertEquals("next", answers.get(answers.size() - 1));
    }
}
