#!/usr/bin/env bash
# Seeds years of finished border crossings into a database the service has already migrated (Flyway V1..V10), so
# the bench can measure statistics, listings and audit reads on a database that has history, not only on the rows
# its own load writes. Pure SQL (generate_series), one booking day per transaction.
#
#   PGURL=postgresql://user:password@127.0.0.1:5432/bordergate ROWS=1000000 deploy/bench/seed-history.sh
#   ROWS=8000000 DAYS=1481 PGHOST=127.0.0.1 PGPORT=5432 PGUSER=bordergate PGDATABASE=bordergate deploy/bench/seed-history.sh
#
# Knobs:
#   PGURL (or the usual PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE): the migrated database. Disposable: it gets
#         ROWS declarations it cannot tell from real ones except by their 'H-' references.
#   ROWS  declarations to seed (default 20000)
#   DAYS  booking days they are spread over, ending yesterday (UTC): default ROWS / 5400, at least 1. 5,400 a day is
#         ~1,800 declarations a day in each of three provinces; 8,000,000 rows are then 1,482 days, about four years.
#   ONLINE  'all' (default): every seeded day is an attached partition, as a service whose online window covers it.
#         A number N: only the newest N seeded days stay attached; older ones are attached (so they get the
#         service's indexes) and detached into the archive schema, where the service's PartitionKeeper puts days past
#         its online window (bordergate.retention.declarations-online).
#   HISTORY_FIRM  tax code of the one firm holding a fifth of all rows (default 4900123456; the bench lists it)
#   PARALLEL  sessions loading days side by side (default 2; 1 when ONLINE leaves days to archive)
#
# What a day gets (its booking day D, UTC, is in the first 32 bits of each id, as DeclarationIds mints them):
#   - declarations_pD, declaration_events_pD and inspections_pD, made as the service's PartitionStatements makes
#     them: CREATE TABLE ... (LIKE parent INCLUDING DEFAULTS INCLUDING CONSTRAINTS), then ATTACH PARTITION. The rows
#     are loaded into the new tables before they are attached, so no index is maintained row by row and no
#     row trigger fires; attaching builds each partition's indexes once. What the declarations' insert triggers
#     keep is written here for the same rows: slot_day_partitions (slot day -> booking day), and each day before
#     yesterday is marked finished (finished_days), as the keeper would mark it. active_plate_days
#     gets nothing: no seeded declaration is live (BOOKED, CHECKED_IN, CALLED).
#   - A day whose partitions exist already (yesterday's, made by the migration or the keeper) is loaded through the
#     parent tables instead, with every trigger firing, events first so that binding the newest event to its row
#     finds no row to update.
#   - Finished declarations only: EXITED (86 %), CANCELLED (7 %), NO_SHOW (5 %), REJECTED (2 %), slot day 0-2 days
#     after the booking day and no later than yesterday (so every slot is over), in the gate's opening hours, over every gate of the gates table (weighted by capacity
#     and hours), both directions, 100 firms (HISTORY_FIRM holds a fifth), VN and CN plates, drivers, cargo.
#   - Events: DECLARED, then CHECKED_IN and EXITED, or CANCELLED, or NO_SHOW, or CHECKED_IN and REJECTED. Their
#     hashes are chained as the service's EventChain chains them (SHA-256 over the same fields), and each row's
#     last_event_hash names its newest event, so GET /api/v1/audit/declarations/{id}/verify finds them intact. The
#     intermediate steps (CALLED, INSPECTED, RELEASED) are left out, and so are inspections: a seeded trail is shorter
#     than a real one.
#   - References 'H-<gate prefix>-<booking day>-<n>': the service's own come from its sequence with no 'H-', so they
#     never collide.
# Days whose declarations partition exists and holds rows already are skipped, so a run that stopped can be
# started again. VACUUM (ANALYZE) at the end. Progress (rows/s) goes to standard error every 30 days of each worker.
set -euo pipefail

ROWS=${ROWS:-20000}
DAYS=${DAYS:-}
ONLINE=${ONLINE:-all}
HISTORY_FIRM=${HISTORY_FIRM:-4900123456}
PARALLEL=${PARALLEL:-2}
PER_DAY=5400
[[ "$ROWS" =~ ^[0-9]+$ ]] && [ "$ROWS" -gt 0 ] || { echo "seed-history: ROWS must be a whole number above 0" >&2; exit 1; }
[ -n "$DAYS" ] || DAYS=$(( (ROWS + PER_DAY - 1) / PER_DAY ))
[[ "$DAYS" =~ ^[0-9]+$ ]] && [ "$DAYS" -gt 0 ] || { echo "seed-history: DAYS must be a whole number above 0" >&2; exit 1; }
[ "$ONLINE" = all ] || [[ "$ONLINE" =~ ^[0-9]+$ ]] || { echo "seed-history: ONLINE must be 'all' or a number of days" >&2; exit 1; }
[[ "$PARALLEL" =~ ^[1-9][0-9]*$ ]] || { echo "seed-history: PARALLEL must be a whole number above 0" >&2; exit 1; }
[[ "$HISTORY_FIRM" =~ ^[0-9A-Za-z-]{1,20}$ ]] || { echo "seed-history: HISTORY_FIRM must be a tax code" >&2; exit 1; }
ONLINE_DAYS=$([ "$ONLINE" = all ] && echo "$DAYS" || echo "$ONLINE")
# Detaching a day into the archive locks its parent table out, while every worker holds a lock on the parents until
# its day commits: with days to archive, one worker.
if [ "$ONLINE_DAYS" -lt "$DAYS" ] && [ "$PARALLEL" -gt 1 ]; then
    echo "seed-history: ONLINE=$ONLINE archives days: one worker (PARALLEL=1)" >&2
    PARALLEL=1
fi
TARGET=()
[ -z "${PGURL:-}" ] || TARGET=(-d "$PGURL")

psql_run() { psql -qX -v ON_ERROR_STOP=1 "${TARGET[@]}" "$@"; }

began=$(date +%s)
psql_run -Atc "SELECT 1 FROM pg_proc WHERE proname = 'partition_day_of'" | grep -q 1 \
    || { echo "seed-history: the database has no partition_day_of(): let the service migrate it first" >&2; exit 1; }
psql_run -Atc "SELECT 1 FROM pg_class WHERE relname = 'slot_day_partitions'" | grep -q 1 \
    || { echo "seed-history: the database has no slot_day_partitions (V10): let a newer service migrate it first" >&2; exit 1; }
echo "seed-history: $ROWS declarations over $DAYS booking days ending yesterday (UTC), $ONLINE_DAYS of them online" >&2

[ "$ONLINE_DAYS" -ge "$DAYS" ] || psql_run -c "SET client_min_messages = warning" -c "CREATE SCHEMA IF NOT EXISTS archive"

# One session per worker: the day loader is a function in pg_temp (gone when the session ends), called once per day,
# each call its own transaction (psql's autocommit). Worker w of PARALLEL loads every PARALLEL-th day from the w-th.
worker_script() { # $1 worker
local w=$1
cat <<SQL
\set ON_ERROR_STOP 1
SET client_min_messages = notice;
-- The temporary tables have no statistics, so the planner overestimates each day's statements by orders of
-- magnitude and compiles them with JIT: seconds a day for nothing.
SET jit = off;
SET work_mem = '64MB';
-- Each gate's share of the declarations: its places per hour (both directions) times its open hours.
CREATE TEMP TABLE seed_gates AS
SELECT row_number() OVER (ORDER BY code) AS idx, code, reference_prefix, time_zone, opens_at, closes_at, slot_minutes,
       export_capacity::float8 / greatest(export_capacity + import_capacity, 1) AS export_share,
       sum(w) OVER (ORDER BY code) - w AS lo, sum(w) OVER (ORDER BY code) AS hi, sum(w) OVER () AS total
  FROM (SELECT *, greatest(export_capacity + import_capacity, 1)
                  * greatest(extract(epoch FROM closes_at - opens_at) / 3600, 1) AS w FROM gates) g;
SELECT count(*) = 0 AS no_gates FROM seed_gates \gset
\if :no_gates
\echo 'seed-history: the gates table is empty'
\quit
\endif
-- 100 firms: firm 0 is HISTORY_FIRM, the others look like 10-digit tax codes of Lạng Sơn (49...).
CREATE TEMP TABLE seed_firms AS
SELECT f AS idx, CASE WHEN f = 0 THEN '$HISTORY_FIRM' ELSE '49' || lpad((10000000 + f * 7919)::text, 8, '0') END AS tax_code
  FROM generate_series(0, 99) f;
ANALYZE seed_gates;
ANALYZE seed_firms;
SQL
cat <<'SQL'
-- The hash of one event, as vn.bordergate.audit.EventChain computes it: SHA-256 (hex) of the previous hash and
-- the event's fields, separated by U+001F, the time as microseconds since 1970.
CREATE FUNCTION pg_temp.chain(prev text, id uuid, type text, from_status text, to_status text, actor text,
                              role text, gate text, reason text, at timestamptz) RETURNS text
    LANGUAGE sql STABLE   -- as stable as concat_ws and extract, so that it is inlined into the statements
    RETURN encode(sha256(convert_to(concat_ws(chr(31), prev, id::text, type, coalesce(from_status, ''),
        coalesce(to_status, ''), actor, role, gate, coalesce(reason, ''), '', (extract(epoch FROM at) * 1000000)::bigint::text),
        'UTF8')), 'hex');

-- One booking day: n declarations with their events. Answers the rows written (0 when the day was there already).
CREATE FUNCTION pg_temp.seed_day(d date, n int, archived boolean, last_slot_day date) RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE
    sfx text := to_char(d, 'YYYYMMDD');
    t text;
    fresh boolean;
    has_rows boolean;
    target_decl text;
    target_events text;
BEGIN
    IF to_regclass('public.declarations_p' || sfx) IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', 'declarations_p' || sfx) INTO has_rows;
        IF has_rows THEN
            RETURN 0;   -- seeded before (or booked by the service): left as it is
        END IF;
        fresh := false;
    ELSE
        fresh := true;
        FOREACH t IN ARRAY ARRAY['declarations', 'declaration_events', 'inspections'] LOOP
            EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                           t || '_p' || sfx, t);
        END LOOP;
    END IF;
    target_decl := CASE WHEN fresh THEN 'declarations_p' || sfx ELSE 'declarations' END;
    target_events := CASE WHEN fresh THEN 'declaration_events_p' || sfx ELSE 'declaration_events' END;

    -- The day's declarations, every random draw made once per row.
    CREATE TEMP TABLE seed_rows ON COMMIT DROP AS
    WITH draws AS (
        SELECT i, random() AS r_gate, random() AS r_dir, random() AS r_firm, random() AS r_status, random() AS r_cargo,
               random() AS r_slot, random() AS r_day, random() AS r_plate, random() AS r_wait, random() AS r_x,
               md5(d::text || '/' || i) AS h
          FROM generate_series(1, n) i
    ), picked AS (
        SELECT dr.*, g.code AS gate, g.reference_prefix, g.time_zone, g.opens_at, g.closes_at, g.slot_minutes,
               CASE WHEN dr.r_dir < g.export_share THEN 'EXPORT' ELSE 'IMPORT' END AS direction,
               CASE WHEN dr.r_firm < 0.2 THEN 0 ELSE 1 + floor((dr.r_firm - 0.2) / 0.8 * 99)::int END AS firm,
               -- Every slot is over by now (the newest on yesterday's slot day): nothing seeded is live.
               least(CASE WHEN dr.r_day < 0.15 THEN 0 WHEN dr.r_day < 0.7 THEN 1 ELSE 2 END, last_slot_day - d) AS ahead,
               CASE WHEN dr.r_status < 0.86 THEN 'EXITED' WHEN dr.r_status < 0.93 THEN 'CANCELLED'
                    WHEN dr.r_status < 0.98 THEN 'NO_SHOW' ELSE 'REJECTED' END AS status,
               CASE WHEN dr.r_cargo < 0.30 THEN 'FRESH_FRUIT' WHEN dr.r_cargo < 0.38 THEN 'FROZEN'
                    WHEN dr.r_cargo < 0.58 THEN 'AGRICULTURAL' WHEN dr.r_cargo < 0.95 THEN 'GENERAL' ELSE 'EMPTY' END AS category,
               floor(extract(epoch FROM g.closes_at - g.opens_at) / 60 / g.slot_minutes)::int AS slots
          FROM draws dr
          JOIN seed_gates g ON dr.r_gate * g.total >= g.lo AND dr.r_gate * g.total < g.hi
    ), timed AS (
        SELECT p.*,
               -- A booking for its own day is made in the first hour (07:00-08:00 at the gates) for a later slot.
               (d + make_interval(secs => floor(CASE WHEN p.ahead = 0 THEN p.r_x * 3600 ELSE p.r_x * 86400 END)::int)
                  + make_interval(secs => (p.r_wait * 1000000)::int % 1000000 / 1000000.0))::timestamp AT TIME ZONE 'UTC' AS created_at,
               (((d + p.ahead) + p.opens_at + make_interval(mins => p.slot_minutes
                   * CASE WHEN p.ahead = 0 AND p.slots > 3 THEN 2 + floor(p.r_slot * (p.slots - 2))::int
                          ELSE floor(p.r_slot * p.slots)::int END))::timestamp AT TIME ZONE p.time_zone) AS slot_start
          FROM picked p
    ), lived AS (
        SELECT t.*, f.tax_code,
               t.slot_start + make_interval(mins => t.slot_minutes) AS slot_end,
               CASE WHEN t.status IN ('EXITED', 'REJECTED')
                    THEN greatest(t.slot_start - interval '30 minutes' + make_interval(secs => floor(t.r_x * 3600)::int),
                                  t.created_at + interval '10 minutes') END AS checked_in_at,
               -- Waits from check-in to exit: perishables are called first, so they wait less.
               make_interval(mins => CASE WHEN t.category IN ('FRESH_FRUIT', 'FROZEN') THEN 20 + floor(t.r_wait * 100)::int
                                          ELSE 40 + floor(power(t.r_wait, 2) * 360)::int END) AS wait
          FROM timed t JOIN seed_firms f ON f.idx = t.firm
    ), final AS (
        SELECT l.*,
               CASE l.status
                   WHEN 'EXITED' THEN l.checked_in_at + l.wait
                   WHEN 'REJECTED' THEN l.checked_in_at + l.wait / 2
                   WHEN 'NO_SHOW' THEN l.slot_end + interval '30 minutes'
                   ELSE l.created_at + (least(l.slot_start, l.created_at + interval '36 hours') - l.created_at) * l.r_wait
               END AS ended_at
          FROM lived l
    )
    SELECT (lpad(to_hex(d - DATE '1970-01-01'), 8, '0') || '-' || substr(h, 1, 4) || '-8' || substr(h, 5, 3) || '-'
            || substr('89ab', 1 + (get_byte(decode(substr(h, 8, 2), 'hex'), 0) % 4), 1) || substr(h, 10, 3) || '-'
            || substr(h, 13, 12))::uuid AS id,
           f.*,
           'hist-firm-' || f.tax_code AS firm_actor,
           CASE WHEN f.r_plate < 0.2
                THEN (ARRAY['桂A', '桂F', '桂P', '云A', '粤B'])[1 + floor(f.r_x * 5)::int] || lpad((floor(f.r_plate * 5 * 90000) + 10000)::int::text, 5, '0')
                ELSE (ARRAY['12', '14', '15', '20', '24', '29', '51', '99'])[1 + floor(f.r_x * 8)::int] || 'C'
                     || lpad((10000 + floor(f.r_plate * 1.25 * 89999)::int % 90000)::text, 5, '0') END AS plate_key,
           f.r_plate < 0.2 AS chinese,
           '+849' || lpad((floor(f.r_plate * 100000000))::bigint::text, 8, '0') AS phone
      FROM final f;

    ANALYZE seed_rows;

    -- The events, chained per declaration in the order they happened: each row's hashes in one pass, then one
    -- event per step taken.
    CREATE TEMP TABLE seed_events ON COMMIT DROP AS
    WITH steps AS (
        SELECT r.id, r.gate, r.firm_actor, r.created_at, r.checked_in_at, r.ended_at, r.status,
               CASE WHEN r.status IN ('EXITED', 'REJECTED') THEN r.checked_in_at END AS checked_at,
               CASE r.status WHEN 'EXITED' THEN 'RELEASED' WHEN 'REJECTED' THEN 'CALLED' ELSE 'BOOKED' END AS last_from,
               CASE r.status WHEN 'EXITED' THEN 'hist-supervisor-' || lower(r.gate)
                             WHEN 'REJECTED' THEN 'hist-customs-' || lower(r.gate)
                             WHEN 'NO_SHOW' THEN 'system' ELSE r.firm_actor END AS last_actor,
               CASE r.status WHEN 'EXITED' THEN 'gate-supervisor' WHEN 'REJECTED' THEN 'customs'
                             WHEN 'NO_SHOW' THEN 'system' ELSE 'enterprise' END AS last_role,
               CASE r.status WHEN 'REJECTED' THEN 'Hồ sơ hải quan không khớp hàng thực tế'
                             WHEN 'CANCELLED' THEN 'Xe hỏng, đổi lịch' END AS last_reason
          FROM seed_rows r
    ), first AS MATERIALIZED (
        SELECT s.*, pg_temp.chain(repeat('0', 64), s.id, 'DECLARED', NULL, 'BOOKED', s.firm_actor, 'enterprise', s.gate,
                                  NULL, s.created_at) AS h1
          FROM steps s
    ), second AS MATERIALIZED (
        SELECT f.*, CASE WHEN f.checked_at IS NOT NULL
                         THEN pg_temp.chain(f.h1, f.id, 'CHECKED_IN', 'BOOKED', 'CHECKED_IN', 'hist-yard-' || lower(f.gate),
                                            'yard-officer', f.gate, NULL, f.checked_at) END AS h2
          FROM first f
    ), hashed AS MATERIALIZED (
        SELECT s.*, pg_temp.chain(coalesce(s.h2, s.h1), s.id, s.status, s.last_from, s.status, s.last_actor, s.last_role,
                                  s.gate, s.last_reason, s.ended_at) AS h3
          FROM second s
    )
    SELECT h.id, h.gate, e.*
      FROM hashed h
     CROSS JOIN LATERAL (VALUES
        (1, 'DECLARED', NULL, 'BOOKED', h.firm_actor, 'enterprise', NULL, h.created_at, repeat('0', 64), h.h1),
        (2, 'CHECKED_IN', 'BOOKED', 'CHECKED_IN', 'hist-yard-' || lower(h.gate), 'yard-officer', NULL, h.checked_at, h.h1, h.h2),
        (3, h.status, h.last_from, h.status, h.last_actor, h.last_role, h.last_reason, h.ended_at, coalesce(h.h2, h.h1), h.h3)
     ) AS e(k, type, from_status, to_status, actor, role, reason, at, prev_hash, hash)
     WHERE e.hash IS NOT NULL;
    ANALYZE seed_events;

    -- Events first: on a day loaded through the parent, the trigger binding a row to its newest event then finds no
    -- row yet, and the row is written with its newest event's hash below.
    EXECUTE format($q$
        INSERT INTO public.%I (partition_day, declaration_id, type, from_status, to_status, actor, actor_role, gate_code,
                               reason, details, occurred_at, prev_hash, hash)
        SELECT %L::date, id, type, from_status, to_status, actor, role, gate, reason, NULL, at, prev_hash, hash
          FROM seed_events$q$, target_events, d);   -- as made: each declaration's events in chain order

    EXECUTE format($q$
        INSERT INTO public.%I (id, partition_day, reference, gate_code, direction, slot_start, slot_end, slot_day, status,
                               priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo,
                               created_by, created_at, updated_at, checked_in_at, yard_round, called_at, call_deadline,
                               missed_calls, arrived_at, released_at, exited_at, last_event_hash)
        SELECT r.id, %L::date, 'H-' || r.reference_prefix || '-' || %L || '-' || lpad(r.i::text, 6, '0'), r.gate,
               r.direction, r.slot_start, r.slot_end, (r.slot_start AT TIME ZONE r.time_zone)::date, r.status,
               CASE WHEN r.category IN ('FRESH_FRUIT', 'FROZEN') THEN 'PERISHABLE' ELSE 'STANDARD' END,
               1 + r.i %% 250, CASE WHEN r.status IN ('EXITED', 'REJECTED') THEN 3 ELSE 2 END, r.tax_code, r.plate_key,
               r.phone,
               jsonb_build_object('plate', CASE WHEN r.chinese THEN r.plate_key
                                                ELSE substr(r.plate_key, 1, 3) || '-' || substr(r.plate_key, 4, 3) || '.' || substr(r.plate_key, 7, 2) END,
                                  'trailerPlate', NULL, 'country', CASE WHEN r.chinese THEN 'CN' ELSE 'VN' END),
               jsonb_build_object('fullName',
                                  (ARRAY['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'])[1 + floor(r.r_plate * 8)::int]
                                  || ' ' || (ARRAY['Văn', 'Thị', 'Đức', 'Minh', 'Quang'])[1 + floor(r.r_x * 5)::int]
                                  || ' ' || (ARRAY['Ánh', 'Hùng', 'Dũng', 'Thắng', 'Lộc', 'Phúc', 'Tuấn', 'Hà', 'Sơn'])[1 + floor(r.r_wait * 9)::int],
                                  'idNumber', '0' || lpad((floor(r.r_plate * 99999999999))::bigint::text, 11, '0'),
                                  'phone', r.phone),
               jsonb_build_object('category', r.category,
                                  'description', CASE r.category
                                      WHEN 'FRESH_FRUIT' THEN (ARRAY['Thanh long ruột đỏ', 'Sầu riêng', 'Vải thiều', 'Chuối tiêu'])[1 + floor(r.r_x * 4)::int]
                                      WHEN 'FROZEN' THEN 'Thủy sản đông lạnh'
                                      WHEN 'AGRICULTURAL' THEN (ARRAY['Sắn lát khô', 'Hạt điều thô', 'Gạo'])[1 + floor(r.r_x * 3)::int]
                                      WHEN 'GENERAL' THEN (ARRAY['Linh kiện điện tử', 'Máy móc thiết bị', 'Hàng may mặc', 'Phân bón'])[1 + floor(r.r_x * 4)::int]
                                      ELSE 'Xe không hàng' END,
                                  'hsCode', CASE r.category WHEN 'FRESH_FRUIT' THEN '081090' WHEN 'FROZEN' THEN '030389'
                                                 WHEN 'AGRICULTURAL' THEN '071410' WHEN 'GENERAL' THEN '854239' END,
                                  'grossWeightKg', CASE WHEN r.category = 'EMPTY' THEN 9500 ELSE 8000 + floor(r.r_cargo * 24000)::int END,
                                  'containerNumbers', '[]'::jsonb,
                                  'customsDeclarationNumbers', CASE WHEN r.category = 'EMPTY' THEN '[]'::jsonb
                                      ELSE jsonb_build_array('30' || lpad((floor(r.r_slot * 9999999999))::bigint::text, 10, '0')) END),
               r.firm_actor, r.created_at, r.ended_at, r.checked_in_at, 0,
               CASE WHEN r.status IN ('EXITED', 'REJECTED') THEN r.checked_in_at + r.wait / 4 END,
               CASE WHEN r.status IN ('EXITED', 'REJECTED') THEN r.checked_in_at + r.wait / 4 + interval '20 minutes' END,
               0,
               CASE WHEN r.status IN ('EXITED', 'REJECTED') THEN r.checked_in_at + r.wait / 3 END,
               CASE WHEN r.status = 'EXITED' THEN r.checked_in_at + r.wait * 0.9 END,
               CASE WHEN r.status = 'EXITED' THEN r.ended_at END,
               last.hash
          FROM seed_rows r JOIN seed_events last ON last.id = r.id AND last.k = 3
         ORDER BY r.created_at$q$, target_decl, d, sfx);

    -- What the declarations' insert trigger keeps (it does not fire on a table not yet attached).
    INSERT INTO public.slot_day_partitions (slot_day, partition_day)
    SELECT DISTINCT (slot_start AT TIME ZONE time_zone)::date, d FROM seed_rows ON CONFLICT DO NOTHING;

    -- As PartitionKeeper.finishDays marks a day none of whose declarations is live (none seeded is), so the
    -- service's live statements leave it out at once instead of after the keeper's next hourly run.
    IF d < (now() AT TIME ZONE 'UTC')::date - 1 THEN
        EXECUTE format('INSERT INTO public.finished_days (partition_day, last_event_id) '
                       'SELECT %L, coalesce(max(id), 0) FROM public.%I ON CONFLICT DO NOTHING',
                       d, 'declaration_events_p' || sfx);
    END IF;

    IF fresh THEN
        -- One worker at a time attaches, so that the attaching is not interleaved between the three parents.
        PERFORM pg_advisory_xact_lock(hashtext('seed-history: attach'));
        FOREACH t IN ARRAY ARRAY['inspections', 'declaration_events', 'declarations'] LOOP
            EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                           t, t || '_p' || sfx, d, d + 1);
        END LOOP;
        IF archived THEN
            -- As PartitionKeeper.archive leaves a day past the online window.
            FOREACH t IN ARRAY ARRAY['inspections', 'declaration_events', 'declarations'] LOOP
                EXECUTE format('ALTER TABLE public.%I DETACH PARTITION public.%I', t, t || '_p' || sfx);
                EXECUTE format('ALTER TABLE public.%I SET SCHEMA archive', t || '_p' || sfx);
            END LOOP;
            -- As PartitionStatements.slotDayIndexes: an archived day is listed by slot day.
            EXECUTE format('CREATE INDEX %I ON archive.%I (tax_code, slot_day, partition_day, created_at, id)',
                           'declarations_p' || sfx || '_firm_slot_day', 'declarations_p' || sfx);
            EXECUTE format('CREATE INDEX %I ON archive.%I (slot_day, partition_day, created_at, id)',
                           'declarations_p' || sfx || '_slot_day', 'declarations_p' || sfx);
        END IF;
    END IF;
    RETURN n;
END;
$fn$;

CREATE TEMP TABLE seed_progress (began timestamptz NOT NULL DEFAULT clock_timestamp(), written bigint NOT NULL DEFAULT 0);
INSERT INTO seed_progress DEFAULT VALUES;
SQL
# The days, oldest first; ROWS split evenly, the remainder on the newest days.
yesterday=$(date -u -d yesterday +%F)
base=$(( ROWS / DAYS )); extra=$(( ROWS % DAYS ))
for k in $(seq $(( DAYS - 1 )) -1 0); do
    [ $(( k % PARALLEL )) = "$w" ] || continue
    day=$(date -u -d "$yesterday - $k days" +%F)
    n=$base; [ "$k" -lt "$extra" ] && n=$(( base + 1 ))
    [ "$n" -gt 0 ] || continue
    archived=false; [ "$k" -ge "$ONLINE_DAYS" ] && archived=true
    echo "UPDATE seed_progress SET written = written + pg_temp.seed_day(DATE '$day', $n, $archived, DATE '$yesterday');"
    if [ $(( k % (30 * PARALLEL) )) -lt "$PARALLEL" ]; then
        echo "SELECT format('seed-history: worker $w at %s: %s rows, %s rows/s', DATE '$day', written,
                 round(written / greatest(extract(epoch FROM clock_timestamp() - began), 0.001))) AS msg FROM seed_progress \\gset"
        echo '\warn :msg'
    fi
done
}

pids=()
for w in $(seq 0 $(( PARALLEL - 1 ))); do
    worker_script "$w" | psql_run -At >/dev/null &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "seed-history: a worker failed (see above); days it loaded stay, run again to finish" >&2; exit 1; }
loaded=$(( $(date +%s) - began ))
# (The rate counts every row asked for: days skipped as seeded before make it look faster.)
echo "seed-history: loaded in $loaded s ($(( ROWS / (loaded > 0 ? loaded : 1) )) rows/s); VACUUM (ANALYZE) ..." >&2
# VACUUM too, not only ANALYZE: a history years old has long been vacuumed, and a first autovacuum pass over
# every freshly loaded partition (all-visible bits, freezing) would otherwise run during the measured phases.
psql_run -c "VACUUM (ANALYZE) declarations" -c "VACUUM (ANALYZE) declaration_events" -c "VACUUM (ANALYZE) inspections" \
    -c "ANALYZE slot_day_partitions"
echo "seed-history: done in $(( $(date +%s) - began )) s (HISTORY_FIRM=$HISTORY_FIRM)" >&2
