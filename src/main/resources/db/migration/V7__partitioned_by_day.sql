-- Declarations, their audit events and their inspections, partitioned by day, so that the biggest tables
-- do not grow forever in one piece: a day's partitions are detached and archived as a unit once its
-- declarations are finished and past the online window, and dropped after the legal retention
-- (vn.bordergate.declaration.archive).
--
-- The partition key is the day a declaration's id carries (its UTC booking day, see DeclarationIds), not
-- its slot day: an amendment may move a booking to another day, and a row that moved partition would no
-- longer be where its id says. Every lookup by id names the day through partition_day_of(id), which
-- PostgreSQL folds into a constant, so it touches one partition however many there are.

-- The day in a declaration id: the first 32 bits of a version-8 id count days since 1970-01-01. Ids
-- minted before partitioning (name-based, version 3) carry no day: they live in the 'undated' partition.
CREATE FUNCTION partition_day_of(id uuid) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN substr(id::text, 15, 1) = '8'
                THEN DATE '1970-01-01' + ('x' || substr(id::text, 1, 8))::bit(32)::int
                ELSE DATE '1970-01-01' END;

-- Copy into partitioned tables: the pilot's data is small, so one transaction does it. (On a big table,
-- attach the old one as a partition instead.)
ALTER TABLE declarations RENAME TO declarations_before_v7;
ALTER TABLE declaration_events RENAME TO declaration_events_before_v7;
ALTER TABLE inspections RENAME TO inspections_before_v7;
ALTER INDEX declarations_pkey RENAME TO declarations_before_v7_pkey;
ALTER INDEX declarations_reference_key RENAME TO declarations_before_v7_reference_key;
ALTER INDEX declarations_one_active_per_plate_day RENAME TO declarations_before_v7_one_active;
ALTER INDEX declarations_slot_active RENAME TO declarations_before_v7_slot_active;
ALTER INDEX declarations_firm_page RENAME TO declarations_before_v7_firm_page;
ALTER INDEX declarations_driver RENAME TO declarations_before_v7_driver;
ALTER INDEX declarations_gate_page RENAME TO declarations_before_v7_gate_page;
ALTER INDEX declarations_yard RENAME TO declarations_before_v7_yard;
ALTER INDEX declarations_call_deadline RENAME TO declarations_before_v7_call_deadline;
ALTER INDEX declarations_booked_until RENAME TO declarations_before_v7_booked_until;
ALTER INDEX declaration_events_pkey RENAME TO declaration_events_before_v7_pkey;
ALTER INDEX declaration_events_by_declaration RENAME TO declaration_events_before_v7_by_declaration;
ALTER INDEX inspections_pkey RENAME TO inspections_before_v7_pkey;

-- The one-active-booking-per-truck-per-day rule spans every partition, which a unique index of a
-- partitioned table cannot (it must include the partition key). This small table holds only the active
-- bookings, kept by a trigger in the statement that books, moves or finishes a declaration; its primary key
-- keeps the constraint name the service recognises.
CREATE TABLE active_plate_days (
    plate_key       text NOT NULL,
    slot_day        date NOT NULL,
    declaration_id  uuid NOT NULL,
    CONSTRAINT declarations_one_active_per_plate_day PRIMARY KEY (plate_key, slot_day)
);

CREATE TABLE declarations (
    id               uuid        NOT NULL,
    partition_day    date        NOT NULL,
    reference        text        NOT NULL,
    gate_code        text        NOT NULL REFERENCES gates (code),
    direction        text        NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT')),
    slot_start       timestamptz NOT NULL,
    slot_end         timestamptz NOT NULL,
    slot_day         date        NOT NULL,
    status           text        NOT NULL,
    priority         text        NOT NULL,
    queue_number     integer     NOT NULL,
    version          integer     NOT NULL DEFAULT 1,
    tax_code         text        NOT NULL,
    plate_key        text        NOT NULL,
    driver_phone     text        NOT NULL,
    vehicle          jsonb       NOT NULL,
    driver           jsonb       NOT NULL,
    cargo            jsonb       NOT NULL,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    checked_in_at    timestamptz,
    yard_round       integer     NOT NULL DEFAULT 0,
    called_at        timestamptz,
    call_deadline    timestamptz,
    missed_calls     integer     NOT NULL DEFAULT 0,
    arrived_at       timestamptz,
    released_at      timestamptz,
    exited_at        timestamptz,
    last_event_hash  text,
    -- References come from declaration_reference_seq, so they are unique without a (partition-wide) index.
    CONSTRAINT declarations_pkey PRIMARY KEY (id, partition_day),
    CONSTRAINT declarations_day_in_id CHECK (partition_day = partition_day_of(id))
) PARTITION BY RANGE (partition_day);

CREATE TABLE declaration_events (
    id              bigint      NOT NULL DEFAULT nextval('declaration_events_id_seq'),
    partition_day   date        NOT NULL,
    declaration_id  uuid        NOT NULL,
    type            text        NOT NULL,
    from_status     text,
    to_status       text,
    actor           text        NOT NULL,
    actor_role      text        NOT NULL,
    gate_code       text        NOT NULL,
    reason          text,
    details         text,
    occurred_at     timestamptz NOT NULL,
    prev_hash       text        NOT NULL,
    hash            text        NOT NULL,
    CONSTRAINT declaration_events_pkey PRIMARY KEY (id, partition_day),
    CONSTRAINT declaration_events_day_in_id CHECK (partition_day = partition_day_of(declaration_id))
) PARTITION BY RANGE (partition_day);
ALTER SEQUENCE declaration_events_id_seq OWNED BY declaration_events.id;

CREATE TABLE inspections (
    declaration_id  uuid        NOT NULL,
    partition_day   date        NOT NULL,
    agency          text        NOT NULL CHECK (agency IN ('customs', 'border-guard', 'quarantine')),
    decision        text        NOT NULL CHECK (decision IN ('CLEARED', 'HOLD', 'REJECTED')),
    note            text,
    officer         text        NOT NULL,
    decided_at      timestamptz NOT NULL,
    CONSTRAINT inspections_pkey PRIMARY KEY (declaration_id, agency, partition_day),
    CONSTRAINT inspections_day_in_id CHECK (partition_day = partition_day_of(declaration_id))
) PARTITION BY RANGE (partition_day);
-- No foreign keys between the three: a day's partitions of all three are archived together, and a
-- foreign key between partitioned tables would forbid detaching one without the other. Each event and
-- inspection is written in the statement or transaction that reads its declaration.

CREATE TABLE declarations_undated PARTITION OF declarations FOR VALUES FROM (MINVALUE) TO ('1970-01-02');
CREATE TABLE declaration_events_undated PARTITION OF declaration_events FOR VALUES FROM (MINVALUE) TO ('1970-01-02');
CREATE TABLE inspections_undated PARTITION OF inspections FOR VALUES FROM (MINVALUE) TO ('1970-01-02');

-- Days from yesterday (UTC) to two weeks ahead; the service's PartitionKeeper keeps that window moving.
DO $$
DECLARE
    day date;
    t text;
BEGIN
    FOR day IN SELECT generate_series((now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 14, '1 day')::date LOOP
        FOREACH t IN ARRAY ARRAY['declarations', 'declaration_events', 'inspections'] LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           t || '_p' || to_char(day, 'YYYYMMDD'), t, day, day + 1);
        END LOOP;
    END LOOP;
END;
$$;

INSERT INTO declarations (id, partition_day, reference, gate_code, direction, slot_start, slot_end, slot_day, status,
                          priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo,
                          created_by, created_at, updated_at, checked_in_at, yard_round, called_at, call_deadline,
                          missed_calls, arrived_at, released_at, exited_at, last_event_hash)
SELECT id, partition_day_of(id), reference, gate_code, direction, slot_start, slot_end, slot_day, status,
       priority, queue_number, version, tax_code, plate_key, driver_phone, vehicle, driver, cargo,
       created_by, created_at, updated_at, checked_in_at, yard_round, called_at, call_deadline,
       missed_calls, arrived_at, released_at, exited_at, last_event_hash
  FROM declarations_before_v7;
INSERT INTO declaration_events (id, partition_day, declaration_id, type, from_status, to_status, actor, actor_role,
                                gate_code, reason, details, occurred_at, prev_hash, hash)
SELECT id, partition_day_of(declaration_id), declaration_id, type, from_status, to_status, actor, actor_role,
       gate_code, reason, details, occurred_at, prev_hash, hash
  FROM declaration_events_before_v7;
INSERT INTO inspections (declaration_id, partition_day, agency, decision, note, officer, decided_at)
SELECT declaration_id, partition_day_of(declaration_id), agency, decision, note, officer, decided_at
  FROM inspections_before_v7;
INSERT INTO active_plate_days (plate_key, slot_day, declaration_id)
SELECT plate_key, slot_day, id FROM declarations WHERE status IN ('BOOKED', 'CHECKED_IN', 'CALLED');

DROP TABLE inspections_before_v7;
DROP TABLE declaration_events_before_v7;
DROP TABLE declarations_before_v7;

-- The same indexes as before, now on every partition.
CREATE INDEX declarations_slot_active
    ON declarations (gate_code, slot_day, direction, slot_start)
    WHERE status IN ('BOOKED', 'CHECKED_IN', 'CALLED', 'RELEASED', 'EXITED');
CREATE INDEX declarations_firm_page ON declarations (tax_code, created_at, id);
CREATE INDEX declarations_driver ON declarations (driver_phone, created_at, id);
CREATE INDEX declarations_gate_page ON declarations (gate_code, created_at, id);
CREATE INDEX declarations_yard
    ON declarations (gate_code, direction, yard_round, priority, slot_start, checked_in_at)
    WHERE status = 'CHECKED_IN';
CREATE INDEX declarations_call_deadline
    ON declarations (call_deadline)
    WHERE status = 'CALLED' AND arrived_at IS NULL;
CREATE INDEX declarations_booked_until
    ON declarations (slot_end)
    WHERE status = 'BOOKED';
-- The plate's active bookings, which the ledger rebuild reads.
CREATE INDEX declarations_active_plates
    ON declarations (plate_key)
    WHERE status IN ('BOOKED', 'CHECKED_IN', 'CALLED');
CREATE INDEX declaration_events_by_declaration ON declaration_events (declaration_id, id);

CREATE FUNCTION keep_active_plate_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status IN ('BOOKED', 'CHECKED_IN', 'CALLED') THEN
        DELETE FROM active_plate_days
         WHERE plate_key = OLD.plate_key AND slot_day = OLD.slot_day AND declaration_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status IN ('BOOKED', 'CHECKED_IN', 'CALLED') THEN
        INSERT INTO active_plate_days (plate_key, slot_day, declaration_id) VALUES (NEW.plate_key, NEW.slot_day, NEW.id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER declarations_active_plate_days_on_insert
    AFTER INSERT ON declarations
    FOR EACH ROW EXECUTE FUNCTION keep_active_plate_days();
-- Only when the truck, its day or whether it is active changes (not on every step of the lifecycle).
CREATE TRIGGER declarations_active_plate_days_on_change
    AFTER UPDATE OF status, plate_key, slot_day ON declarations
    FOR EACH ROW
    WHEN (OLD.plate_key IS DISTINCT FROM NEW.plate_key OR OLD.slot_day IS DISTINCT FROM NEW.slot_day
          OR (OLD.status IN ('BOOKED', 'CHECKED_IN', 'CALLED')) <> (NEW.status IN ('BOOKED', 'CHECKED_IN', 'CALLED')))
    EXECUTE FUNCTION keep_active_plate_days();
CREATE TRIGGER declarations_active_plate_days_on_delete
    AFTER DELETE ON declarations
    FOR EACH ROW EXECUTE FUNCTION keep_active_plate_days();

-- The webhook outbox and the row's pointer to its newest event, as before, now naming the partition.
CREATE OR REPLACE FUNCTION enqueue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (webhook_id, event_id, declaration_id, event_type, event_at, next_attempt_at)
    SELECT w.id, NEW.id, NEW.declaration_id, NEW.type, NEW.occurred_at, NEW.occurred_at
      FROM declarations d
      JOIN webhooks w ON w.tax_code = d.tax_code
     WHERE d.id = NEW.declaration_id AND d.partition_day = NEW.partition_day
       AND (w.event_types IS NULL OR NEW.type = ANY (w.event_types));
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION bind_declaration_to_newest_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE declarations SET last_event_hash = NEW.hash
     WHERE id = NEW.declaration_id AND partition_day = NEW.partition_day
       AND last_event_hash IS DISTINCT FROM NEW.hash;
    RETURN NULL;
END;
$$;

CREATE TRIGGER declaration_events_to_webhooks
    AFTER INSERT ON declaration_events
    FOR EACH ROW EXECUTE FUNCTION enqueue_webhook_deliveries();
CREATE TRIGGER declaration_events_bind_row
    AFTER INSERT ON declaration_events
    FOR EACH ROW EXECUTE FUNCTION bind_declaration_to_newest_event();

-- Detached partitions are kept here, out of the service's queries, until the legal retention ends.
CREATE SCHEMA IF NOT EXISTS archive;
