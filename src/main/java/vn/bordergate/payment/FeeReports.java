package vn.bordergate.payment;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.declaration.Declaration;
import vn.bordergate.declaration.DeclarationFees;
import vn.bordergate.declaration.DeclarationRepository;
import vn.bordergate.fee.CustomsRegime;
import vn.bordergate.fee.Delivery;
import vn.bordergate.fee.Fee;
import vn.bordergate.fee.FeeCalculator;
import vn.bordergate.fee.FeeSchedule;
import vn.bordergate.fee.FeeSchedules;
import vn.bordergate.fee.Load;
import vn.bordergate.gate.GateCatalog;
import vn.bordergate.http.Problems;
import vn.bordergate.security.Caller;
import vn.bordergate.security.Roles;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A province's daily fee figures, computed from its trips as they stand: each priced by the version in force on
 * its day (one lookup per day, not per trip), its payments summed in one statement.
 */
@ApplicationScoped
class FeeReports {

    static final int MAX_DAYS = 31;

    private final GateCatalog gates;
    private final DeclarationRepository declarations;
    private final FeeSchedules schedules;
    private final PaymentStatements statements;

    FeeReports(GateCatalog gates, DeclarationRepository declarations, FeeSchedules schedules, PaymentStatements statements) {
        this.gates = gates;
        this.declarations = declarations;
        this.schedules = schedules;
        this.statements = statements;
    }

    Uni<FeeReport> of(Caller caller, String province, LocalDate from, LocalDate to) {
        if (!caller.is(Roles.AUDITOR)) {
            caller.requireFinances(province);
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw Problems.invalidField("to", "must be on or after from, at most " + MAX_DAYS + " days in all");
        }
        return gates.all().chain(all -> {
            List<String> codes = all.stream().filter(g -> province.equals(g.provinceCode)).map(g -> g.code).toList();
            return declarations.onSlotDays(codes, from, to).chain(found -> versions(province, from, to).chain(versions ->
                    statements.totalsOf(found.declarations().stream().map(Declaration::id).toList()).map(totals ->
                            report(province, from, to, found, versions, totals))));
        });
    }

    /** The version in force on each day of the range (null for a day without one). */
    private Uni<Map<LocalDate, FeeSchedule>> versions(String province, LocalDate from, LocalDate to) {
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        Map<LocalDate, FeeSchedule> byDay = new HashMap<>();
        return Multi.createFrom().iterable(days)
                .onItem().transformToUniAndConcatenate(day -> schedules.inForce(province, day)
                        .invoke(schedule -> byDay.put(day, schedule)))
                .collect().last().replaceWith(byDay);
    }

    private static FeeReport report(String province, LocalDate from, LocalDate to, DeclarationRepository.SlotDays found,
                                    Map<LocalDate, FeeSchedule> versions, Map<UUID, PaymentStatements.Totals> totals) {
        Map<LocalDate, Tally> byDay = new TreeMap<>();
        from.datesUntil(to.plusDays(1)).forEach(day -> byDay.put(day, new Tally()));
        Tally total = new Tally();
        PaymentStatements.Totals none = new PaymentStatements.Totals(0, 0, 0);
        for (Declaration d : found.declarations()) {
            LocalDate day = d.slot().day();
            Load load = DeclarationFees.loadOf(d.direction(), d.vehicle(), d.cargo());
            Fee fee = load == null ? Fee.unpriced(province, DeclarationFees.NOT_SAID)
                    : FeeCalculator.quote(province, versions.get(day), load);
            TripAccount account = Payments.account(d, fee, totals.getOrDefault(d.id(), none));
            for (Tally tally : List.of(byDay.computeIfAbsent(day, x -> new Tally()), total)) {
                tally.add(Payments.crosses(d), account, load);
            }
        }
        List<FeeReport.Day> days = new ArrayList<>();
        byDay.forEach((day, tally) -> days.add(new FeeReport.Day(day, tally.figures())));
        return new FeeReport(province, from, to, found.complete(), days, total.figures());
    }

    /** Figures being added up. */
    private static final class Tally {
        long trips;
        long unpriced;
        long due;
        long paid;
        long refundDue;
        final Map<String, long[]> byRegime = new LinkedHashMap<>();
        final Map<String, long[]> byLine = new LinkedHashMap<>();

        Tally() {
            for (CustomsRegime regime : CustomsRegime.values()) {
                byRegime.put(regime.name(), new long[2]);
            }
            byLine.put("VEHICLES", new long[2]);
            byLine.put("TRANSSHIPMENT", new long[2]);
        }

        /** A trip that did not cross counts only for what was paid for it and is due back. */
        void add(boolean crosses, TripAccount account, Load load) {
            paid += account.netPaidVnd();
            refundDue += account.refundDueVnd();
            if (!crosses) {
                return;
            }
            Long owed = account.dueVnd();
            trips++;
            if (owed == null) {
                unpriced++;
            }
            long amount = owed == null ? 0 : owed;
            due += amount;
            if (load != null) {
                count(byRegime.get(load.regime().name()), amount);
                count(byLine.get(load.delivery() == Delivery.WHARF_ONLY ? "TRANSSHIPMENT" : "VEHICLES"), amount);
            }
        }

        private static void count(long[] line, long amount) {
            line[0]++;
            line[1] += amount;
        }

        FeeReport.Figures figures() {
            long centre = Math.round(paid / 10.0);
            return new FeeReport.Figures(trips, unpriced, due, paid, refundDue, lines(byRegime), lines(byLine), centre,
                    paid - centre);
        }

        private static Map<String, FeeReport.Line> lines(Map<String, long[]> tallies) {
            Map<String, FeeReport.Line> lines = new LinkedHashMap<>();
            tallies.forEach((name, line) -> lines.put(name, new FeeReport.Line(line[0], line[1])));
            return lines;
        }
    }
}
