-- History at scale: every query names the day partitions it needs, so PostgreSQL plans, locks and reads
-- only those however many days are online (declaration.PartitionDays says how each query finds them).

-- Which partitions (booking days) hold the declarations of a slot day. A booking's slot day is not its
-- partition day, and an amendment or a closure may move it further; this small table, kept by the
-- statements that write a slot day, lets a query by slot day name its partitions. Rows are only added: a
-- pair that no longer holds a row costs one empty partition probe, never a wrong answer.
CREATE TABLE slot_day_partitions (
    slot_day      date NOT NULL,
    partition_day date NOT NULL,
    PRIMARY KEY (slot_day, partition_day)
);
CREATE INDEX slot_day_partitions_by_partition ON slot_day_partitions (partition_day);
INSERT INTO slot_day_partitions (slot_day, partition_day)
SELECT DISTINCT slot_day, partition_day FROM declarations;

-- ON CONFLICT DO NOTHING on a pair that exists takes no lock: a burst of bookings for one day only reads it.
CREATE FUNCTION note_slot_day_partition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO slot_day_partitions (slot_day, partition_day) VALUES (NEW.slot_day, NEW.partition_day)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
CREATE TRIGGER declarations_slot_day_partition_on_insert
    AFTER INSERT ON declarations
    FOR EACH ROW EXECUTE FUNCTION note_slot_day_partition();
CREATE TRIGGER declarations_slot_day_partition_on_move
    AFTER UPDATE OF slot_day ON declarations
    FOR EACH ROW WHEN (OLD.slot_day IS DISTINCT FROM NEW.slot_day)
    EXECUTE FUNCTION note_slot_day_partition();

-- Booking days none of whose declarations is live any more (BOOKED, CHECKED_IN, CALLED, RELEASED): the live
-- statements (yard, calls, sweeps, the event feed) leave them out, and the roll-ups stop recomputing their
-- slot days. New declarations are only written into today's partition, so a finished day stays finished.
-- last_event_id is the newest event of the day when it finished: a feed reader behind it still reads that day.
CREATE TABLE finished_days (
    partition_day date        PRIMARY KEY,
    last_event_id bigint      NOT NULL,
    finished_at   timestamptz NOT NULL DEFAULT now()
);

-- Archived booking days dropped at the end of their retention: a declaration of one answers 410 Gone, where
-- an id that never existed answers 404.
CREATE TABLE dropped_days (
    partition_day date        PRIMARY KEY,
    dropped_at    timestamptz NOT NULL DEFAULT now()
);

-- The statistics' roll-ups (stats.Rollups): per gate, slot day and direction, the declarations per status
-- and priority, and the waits from check-in to exit. A year of a gate is ~700 rows of each.
CREATE TABLE gate_day_counts (
    gate_code    text    NOT NULL,
    slot_day     date    NOT NULL,
    direction    text    NOT NULL,
    status       text    NOT NULL,
    priority     text    NOT NULL,
    declarations integer NOT NULL,
    PRIMARY KEY (gate_code, slot_day, direction, status, priority)
);
CREATE TABLE gate_day_waits (
    gate_code      text             NOT NULL,
    slot_day       date             NOT NULL,
    direction      text             NOT NULL,
    exited         integer          NOT NULL,
    median_minutes double precision,
    p90_minutes    double precision,
    -- Trucks per wait band; the bands' upper bounds in minutes are in stats.WaitBands.
    histogram      integer[]        NOT NULL,
    PRIMARY KEY (gate_code, slot_day, direction)
);
-- The newest roll-up: the moment (database time) its figures are exact for. The next run recomputes every
-- slot day that a booking day not finished by then holds: nothing else can have changed.
CREATE TABLE rollup_runs (
    only_one boolean     PRIMARY KEY DEFAULT true CHECK (only_one),
    as_of    timestamptz NOT NULL
);

-- The listings' keyset is (partition_day, created_at, id): the booking day leads, so a page names the
-- partitions it walks and each index below gives their rows in order without a sort.
DROP INDEX declarations_firm_page;
DROP INDEX declarations_driver;
DROP INDEX declarations_gate_page;
CREATE INDEX declarations_firm_page ON declarations (tax_code, partition_day, created_at, id);
CREATE INDEX declarations_driver ON declarations (driver_phone, partition_day, created_at, id);
CREATE INDEX declarations_gate_page ON declarations (gate_code, partition_day, created_at, id);
