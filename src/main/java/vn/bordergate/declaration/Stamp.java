package vn.bordergate.declaration;

import vn.bordergate.slot.Slot;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a lifecycle step records on the declaration besides its status and version: the moment a truck
 * checked in, the call's deadline, the slot it was moved to. {@link DeclarationRepository} turns each
 * kind into its own fixed SQL, so no caller writes SQL to record one.
 */
public final class Stamp {

    enum Kind { NOTHING, CHECKED_IN, CALLED, BACK_TO_QUEUE, NO_SHOW, ARRIVED, RELEASED, EXITED, MOVED_TO }

    public static final Stamp NOTHING = new Stamp(Kind.NOTHING, List.of());

    private final Kind kind;
    private final List<Object> values;

    private Stamp(Kind kind, List<Object> values) {
        this.kind = kind;
        this.values = values;
    }

    public static Stamp checkedIn(OffsetDateTime at) {
        return new Stamp(Kind.CHECKED_IN, List.of(at));
    }

    public static Stamp called(OffsetDateTime at, OffsetDateTime deadline) {
        return new Stamp(Kind.CALLED, List.of(at, deadline));
    }

    /** First missed call: the truck goes to the end of the queue for a second round. */
    public static Stamp backToQueue() {
        return new Stamp(Kind.BACK_TO_QUEUE, List.of());
    }

    /** Second missed call. */
    public static Stamp noShow() {
        return new Stamp(Kind.NO_SHOW, List.of());
    }

    /** Reached the gate; a later arrival keeps the first time. */
    public static Stamp arrived(OffsetDateTime at) {
        return new Stamp(Kind.ARRIVED, List.of(at));
    }

    public static Stamp released(OffsetDateTime at) {
        return new Stamp(Kind.RELEASED, List.of(at));
    }

    public static Stamp exited(OffsetDateTime at) {
        return new Stamp(Kind.EXITED, List.of(at));
    }

    public static Stamp movedTo(Slot slot) {
        return new Stamp(Kind.MOVED_TO, List.of(slot.start(), slot.end(), slot.day()));
    }

    Kind kind() {
        return kind;
    }

    List<Object> values() {
        return values;
    }
}
