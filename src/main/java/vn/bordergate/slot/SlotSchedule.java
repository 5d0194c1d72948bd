package vn.bordergate.slot;

import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.ProblemMember;
import vn.bordergate.http.Problems;
import vn.bordergate.http.Times;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.OpeningHours;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which slots a gate offers on a day, and whether a requested slot start can be booked now. */
@ApplicationScoped
public class SlotSchedule {

    private final Clock clock;

    public SlotSchedule(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today(Gate gate) {
        return LocalDate.now(clock.withZone(gate.zone()));
    }

    /**
     * The last day open for booking: the horizon's last day once today's opening time has passed, the day
     * before until then.
     */
    public LocalDate lastBookableDay(Gate gate) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(gate.zone()));
        LocalDate last = now.toLocalDate().plusDays(gate.bookingHorizonDays);
        return now.toLocalTime().isBefore(gate.bookingOpensAt) && gate.bookingHorizonDays > 0 ? last.minusDays(1) : last;
    }

    /** When {@code day} opens (opened) for booking: the opening time, the horizon's days before it. */
    public OffsetDateTime opensFor(Gate gate, LocalDate day) {
        return day.minusDays(gate.bookingHorizonDays).atTime(gate.bookingOpensAt).atZone(gate.zone()).toOffsetDateTime();
    }

    /**
     * Refuses (409 booking-not-open, with when it opens) a slot on a day not yet open for booking. The
     * moment it opens is when the stampede comes; before it, every firm gets the same clear answer.
     */
    public void requireOpen(Gate gate, OffsetDateTime start) {
        LocalDate day = start.atZoneSameInstant(gate.zone()).toLocalDate();
        if (day.isAfter(lastBookableDay(gate))) {
            throw notOpen(gate, day);
        }
    }

    public ProblemException notOpen(Gate gate, LocalDate day) {
        OffsetDateTime opens = opensFor(gate, day);
        return Problems.conflict("booking-not-open", "Booking not open yet",
                        "bookings for " + day + " at " + gate.code + " open at " + Times.iso(opens))
                .with(ProblemMember.OPENS_AT, Times.iso(opens));
    }

    /** The day that opens next: its ledger is built before then, not by the first thousand bookings. */
    public LocalDate nextToOpen(Gate gate) {
        return lastBookableDay(gate).plusDays(1);
    }

    /** The slots of the day in its weekday's opening hours, but for those inside a closure of the gate. */
    public List<Slot> slotsOn(Gate gate, LocalDate day) {
        List<Slot> slots = new ArrayList<>();
        OpeningHours hours = gate.hoursOn(day.getDayOfWeek()).orElse(null);
        if (hours == null) {
            return slots;
        }
        Duration length = Duration.ofMinutes(gate.slotMinutes);
        ZonedDateTime start = day.atTime(hours.opensAt()).atZone(gate.zone());
        ZonedDateTime close = day.atTime(hours.closesAt()).atZone(gate.zone());
        while (!start.plus(length).isAfter(close)) {
            OffsetDateTime end = start.plus(length).toOffsetDateTime();
            if (gate.closureOver(start.toOffsetDateTime(), end).isEmpty()) {
                slots.add(new Slot(start.toOffsetDateTime(), end));
            }
            start = start.plus(length);
        }
        return slots;
    }

    /** Slots still open for booking (not yet ended), from today to the end of the booking horizon. */
    public List<Slot> bookableSlots(Gate gate) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Slot> slots = new ArrayList<>();
        for (LocalDate day = today(gate); !day.isAfter(lastBookableDay(gate)); day = day.plusDays(1)) {
            slotsOn(gate, day).stream().filter(s -> s.end().isAfter(now)).forEach(slots::add);
        }
        return slots;
    }

    /** The slot starting at {@code start}, or the reason it cannot be booked. */
    public Optional<Slot> find(Gate gate, OffsetDateTime start) {
        ZonedDateTime local = start.atZoneSameInstant(gate.zone());
        return slotsOn(gate, local.toLocalDate()).stream()
                .filter(s -> s.start().toInstant().equals(start.toInstant()))
                .findFirst();
    }

    /** Why {@code start} cannot be booked at this gate now, or empty when it can. */
    public Optional<String> refusal(Gate gate, OffsetDateTime start) {
        ZonedDateTime local = start.atZoneSameInstant(gate.zone());
        LocalTime time = local.toLocalTime();
        OpeningHours hours = gate.hoursOn(local.getDayOfWeek()).orElse(null);
        if (hours == null) {
            return Optional.of("is on a " + local.getDayOfWeek() + ", when the gate is closed");
        }
        if (time.isBefore(hours.opensAt()) || !time.isBefore(hours.closesAt())) {
            return Optional.of("is outside the gate's opening hours " + hours.opensAt() + "–" + hours.closesAt()
                    + " on " + local.getDayOfWeek() + " (" + gate.timeZone + ")");
        }
        Optional<Slot> slot = find(gate, start);
        if (slot.isEmpty()) {
            Optional<vn.bordergate.gate.Closure> closed = gate.closureOver(start, start.plusMinutes(gate.slotMinutes));
            if (closed.isPresent()) {
                return Optional.of("is while the gate is closed until " + closed.get().endsAt
                        + ": " + closed.get().reasonEn);
            }
            return Optional.of("is not the start of a slot: slots last " + gate.slotMinutes
                    + " min from " + hours.opensAt());
        }
        if (!slot.get().end().isAfter(OffsetDateTime.now(clock))) {
            return Optional.of("is in the past");
        }
        return Optional.empty();
    }
}
