#!/usr/bin/env bash
# What day partitions cost PostgreSQL: the service's own statements against one table (the schema before V7)
# and against the V7 day partitions with 16 and 51 days online (two weeks ahead; plus 35 days behind, the
# default online window), each with 100,000 declarations and their events. Prints statements/s per query.
#
#   sudo deploy/bench/partitions.sh        # about 3 minutes; Debian's PostgreSQL (apt-get install postgresql)
#
# Knobs: PG_BIN (/usr/lib/postgresql/15/bin), PORT (55999), SECONDS_EACH (6), ROWS (100000).
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-55999}
SECONDS_EACH=${SECONDS_EACH:-6}
ROWS=${ROWS:-100000}
MIGRATIONS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../src/main/resources/db/migration" && pwd)
WORK=$(mktemp -d /tmp/bordergate-partitions.XXXX)
chmod 777 "$WORK"
trap 'runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/data" -A trust >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/data" -o "-p $PORT -c shared_buffers=256MB" -l "$WORK/data/pg.log" -w start >/dev/null
psql_in() { psql -qAtX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$1" "${@:2}"; }

TODAY=$(date -u +%F)
COLUMNS_="id, reference, gate_code, direction, slot_start, slot_end, slot_day, status, priority, queue_number, tax_code,
    plate_key, driver_phone, vehicle, driver, cargo, created_by"
# Row i was booked on one of yesterday .. today+3 (UTC) and its id carries that day, as the service's ids do.
VALUES_="bench_id(i), 'HN-' || i, (ARRAY['HUU_NGHI','TAN_THANH','CHI_MA','COC_NAM'])[1 + i % 4],
    CASE WHEN i % 2 = 0 THEN 'EXPORT' ELSE 'IMPORT' END, bench_day(i) + time '08:00' + make_interval(hours => i % 10),
    bench_day(i) + time '09:00' + make_interval(hours => i % 10), bench_day(i) + (i % 3),
    (ARRAY['BOOKED','EXITED','EXITED','CANCELLED','CHECKED_IN','EXITED','EXITED','EXITED','NO_SHOW','EXITED'])[1 + i % 10],
    'STANDARD', i, '0100109106', 'P' || i, '0912345678', '{\"plate\":\"29C-123.45\"}', '{\"fullName\":\"Nguyễn Văn Ánh\"}',
    '{\"category\":\"GENERAL\",\"description\":\"hàng\"}', 'bench'"
for db in one_table days16 days51; do
    psql_in postgres -c "CREATE DATABASE $db"
    last=7; [ "$db" = one_table ] && last=6
    for v in $(seq 1 "$last"); do psql_in "$db" -f "$MIGRATIONS"/V${v}__*.sql >/dev/null; done
    if [ "$db" = days51 ]; then
        psql_in "$db" -c "DO \$\$ DECLARE d date; t text; BEGIN
          FOR d IN SELECT generate_series(DATE '$TODAY' - 36, DATE '$TODAY' - 2, '1 day')::date LOOP
            FOREACH t IN ARRAY ARRAY['declarations', 'declaration_events', 'inspections'] LOOP
              EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                             t || '_p' || to_char(d, 'YYYYMMDD'), t, d, d + 1);
            END LOOP; END LOOP; END \$\$;"
    fi
    psql_in "$db" -c "CREATE FUNCTION bench_day(i int) RETURNS date IMMUTABLE LANGUAGE sql RETURN DATE '$TODAY' - 1 + (i % 5);
        CREATE FUNCTION bench_id(i int) RETURNS uuid IMMUTABLE LANGUAGE sql
        RETURN (lpad(to_hex(bench_day(i) - DATE '1970-01-01'), 8, '0') || '-' || substr(md5(i::text), 1, 4) || '-8'
                || substr(md5(i::text), 5, 3) || '-a' || substr(md5(i::text), 8, 3) || '-' || substr(md5(i::text), 11, 12))::uuid;"
    if [ "$db" = one_table ]; then
        psql_in "$db" -c "INSERT INTO declarations ($COLUMNS_) SELECT $VALUES_ FROM generate_series(1, $ROWS) i;
            INSERT INTO declaration_events (declaration_id, type, to_status, actor, actor_role, gate_code, occurred_at, prev_hash, hash)
            SELECT bench_id(i), 'DECLARED', 'BOOKED', 'a', 'enterprise', 'HUU_NGHI', now(), 'g', 'h' FROM generate_series(1, $ROWS) i;"
    else
        psql_in "$db" -c "ALTER TABLE declaration_events DISABLE TRIGGER USER;
            INSERT INTO declarations (partition_day, $COLUMNS_) SELECT bench_day(i), $VALUES_ FROM generate_series(1, $ROWS) i;
            INSERT INTO declaration_events (partition_day, declaration_id, type, to_status, actor, actor_role, gate_code,
                                            occurred_at, prev_hash, hash)
            SELECT bench_day(i), bench_id(i), 'DECLARED', 'BOOKED', 'a', 'enterprise', 'HUU_NGHI', now(), 'g', 'h'
              FROM generate_series(1, $ROWS) i;
            ALTER TABLE declaration_events ENABLE TRIGGER USER;"
    fi
    psql_in "$db" -c "VACUUM ANALYZE"
done

# The statements as the service sends them: prepared, the id a bound parameter. Before V7 no day was named.
pick='\set i random(1, '$ROWS')
SELECT bench_id(:i) AS bid \gset'
printf '%s\n%s\n' "$pick" 'SELECT d.*, g.time_zone FROM declarations d JOIN gates g ON g.code = d.gate_code WHERE d.id = :bid;' >"$WORK/by_id-one_table.sql"
printf '%s\n%s\n' "$pick" 'SELECT d.*, g.time_zone FROM declarations d JOIN gates g ON g.code = d.gate_code WHERE d.id = :bid AND d.partition_day = partition_day_of(:bid);' >"$WORK/by_id-days.sql"
printf '%s\n%s\n' "$pick" 'SELECT * FROM declaration_events WHERE declaration_id = :bid ORDER BY id;' >"$WORK/events-one_table.sql"
printf '%s\n%s\n' "$pick" 'SELECT * FROM declaration_events WHERE declaration_id = :bid AND partition_day = partition_day_of(:bid) ORDER BY id;' >"$WORK/events-days.sql"
printf '%s\n' "$pick" >"$WORK/pick-only.sql"
cat >"$WORK/yard.sql" <<'SQL'
SELECT d.id, d.reference, d.priority, d.slot_start, d.yard_round FROM declarations d JOIN gates g ON g.code = d.gate_code
 WHERE d.gate_code = 'HUU_NGHI' AND d.direction = 'EXPORT' AND d.status = 'CHECKED_IN'
 ORDER BY d.yard_round, d.priority, d.slot_start, d.checked_in_at LIMIT 50;
SQL
cat >"$WORK/feed.sql" <<SQL
\set n random(1, $((ROWS - 1000)))
SELECT * FROM declaration_events WHERE id > :n ORDER BY id LIMIT 100;
SQL
rate() { pgbench -n -M prepared -c 4 -j 2 -T "$SECONDS_EACH" -f "$2" -h 127.0.0.1 -p "$PORT" -U postgres "$1" 2>&1 \
    | grep -oP 'tps = \K[0-9]+' | tail -1; }
echo "statements/s, 4 clients, ${SECONDS_EACH} s each (by_id and events also pick an id: pick_only is that alone)"
echo "pick_only: $(rate one_table "$WORK/pick-only.sql")"
for db in one_table days16 days51; do
    kind=days; [ "$db" = one_table ] && kind=one_table
    echo "$db: by_id=$(rate "$db" "$WORK/by_id-$kind.sql") events_of_one=$(rate "$db" "$WORK/events-$kind.sql")" \
         "yard=$(rate "$db" "$WORK/yard.sql") event_feed=$(rate "$db" "$WORK/feed.sql")"
done
