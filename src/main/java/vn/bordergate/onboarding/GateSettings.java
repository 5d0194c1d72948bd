package vn.bordergate.onboarding;

import vn.bordergate.http.FieldError;
import vn.bordergate.http.Problems;
import vn.bordergate.gate.Gate;
import vn.bordergate.gate.OpeningHours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A gate's configuration checked field by field: every error at once, as problem+json field errors. */
final class GateSettings {

    static final Set<Integer> SLOT_MINUTES = Set.of(15, 20, 30, 60, 120);
    static final int MAX_HORIZON_DAYS = 30;
    static final int MAX_CAPACITY = 10_000;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{2,4}");

    private GateSettings() {
    }

    /** A new gate from a request that must name everything; active from the start. */
    static Gate newGate(GateRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            throw Problems.invalidField("(body)", "must be a JSON object with the gate's configuration");
        }
        if (r.code() == null || !CODE.matcher(r.code()).matches()) {
            errors.add(new FieldError("code", "is required: 2 to 32 capitals, digits or _, starting with a capital"));
        }
        require(errors, "name", r.name());
        require(errors, "provinceCode", r.provinceCode());
        require(errors, "referencePrefix", r.referencePrefix());
        require(errors, "international", r.international());
        require(errors, "timeZone", r.timeZone());
        require(errors, "slotMinutes", r.slotMinutes());
        require(errors, "bookingHorizonDays", r.bookingHorizonDays());
        require(errors, "exportCapacity", r.exportCapacity());
        require(errors, "importCapacity", r.importCapacity());
        require(errors, "openingHours", r.openingHours());
        if (r.active() != null) {
            errors.add(new FieldError("active", "is set by a change (PATCH); a new gate is active"));
        }
        Gate gate = new Gate();
        gate.code = r.code();
        gate.active = true;
        gate.slotMinutes = 60;
        gate.timeZone = "Asia/Ho_Chi_Minh";
        gate.bookingOpensAt = java.time.LocalTime.MIDNIGHT;
        apply(gate, r, errors);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        return gate;
    }

    /** The gate as it would be after the change; the current one is left as it is. */
    static Gate changed(Gate current, GateRequest r) {
        if (r == null) {
            throw Problems.invalidField("(body)", "must be a JSON object with the fields to change");
        }
        List<FieldError> errors = new ArrayList<>();
        if (r.code() != null && !r.code().equals(current.code)) {
            errors.add(new FieldError("code", "never changes; create a new gate instead"));
        }
        Gate gate = current.copy();
        if (r.active() != null) {
            gate.active = r.active();
        }
        apply(gate, r, errors);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        return gate;
    }

    /** Sets each field given, checking it. */
    private static void apply(Gate gate, GateRequest r, List<FieldError> errors) {
        if (r.name() != null) {
            if (r.name().isBlank() || r.name().length() > 100) {
                errors.add(new FieldError("name", "must be 1 to 100 characters"));
            }
            gate.name = r.name().strip();
        }
        if (r.provinceCode() != null) {
            gate.provinceCode = r.provinceCode();
        }
        if (r.referencePrefix() != null) {
            if (!PREFIX.matcher(r.referencePrefix()).matches()) {
                errors.add(new FieldError("referencePrefix", "must be 2 to 4 capital letters"));
            }
            gate.referencePrefix = r.referencePrefix();
        }
        if (r.international() != null) {
            gate.international = r.international();
        }
        if (r.timeZone() != null) {
            try {
                ZoneId.of(r.timeZone());
                gate.timeZone = r.timeZone();
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)"));
            }
        }
        if (r.slotMinutes() != null) {
            if (!SLOT_MINUTES.contains(r.slotMinutes())) {
                errors.add(new FieldError("slotMinutes", "must be 15, 20, 30, 60 or 120"));
            }
            gate.slotMinutes = r.slotMinutes();
        }
        if (r.bookingHorizonDays() != null) {
            if (r.bookingHorizonDays() < 0 || r.bookingHorizonDays() > MAX_HORIZON_DAYS) {
                errors.add(new FieldError("bookingHorizonDays", "must be between 0 and " + MAX_HORIZON_DAYS));
            }
            gate.bookingHorizonDays = r.bookingHorizonDays();
        }
        if (r.bookingOpensAt() != null) {
            gate.bookingOpensAt = r.bookingOpensAt();
        }
        if (r.exportCapacity() != null) {
            capacity(errors, "exportCapacity", r.exportCapacity());
            gate.exportCapacity = r.exportCapacity();
        }
        if (r.importCapacity() != null) {
            capacity(errors, "importCapacity", r.importCapacity());
            gate.importCapacity = r.importCapacity();
        }
        if (r.openingHours() != null) {
            if (week(errors, r.openingHours())) {
                gate.setWeek(r.openingHours());
            }
        }
    }

    /** Each weekday at most once, opening before closing; an empty week closes the gate every day. */
    private static boolean week(List<FieldError> errors, List<OpeningHours> week) {
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (int i = 0; i < week.size(); i++) {
            OpeningHours hours = week.get(i);
            String field = "openingHours[" + i + "]";
            if (hours == null || hours.days() == null || hours.days().isEmpty() || hours.days().contains(null)) {
                errors.add(new FieldError(field + ".days", "must name at least one weekday (MONDAY ... SUNDAY)"));
                ok = false;
                continue;
            }
            for (DayOfWeek day : hours.days()) {
                if (!seen.add(day)) {
                    errors.add(new FieldError(field + ".days", day + " has hours in more than one entry"));
                    ok = false;
                }
            }
            if (hours.opensAt() == null || hours.closesAt() == null || !hours.opensAt().isBefore(hours.closesAt())) {
                errors.add(new FieldError(field, "opensAt and closesAt are required (HH:mm), opening before closing"));
                ok = false;
            }
        }
        return ok;
    }

    private static void capacity(List<FieldError> errors, String field, int value) {
        if (value < 0 || value > MAX_CAPACITY) {
            errors.add(new FieldError(field, "must be between 0 and " + MAX_CAPACITY));
        }
    }

    private static void require(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
