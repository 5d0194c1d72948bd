CREATE SEQUENCE declaration_reference_seq;

-- One truck crossing once. Queried columns are flat; the submitted vehicle/driver/cargo are kept as JSON.
CREATE TABLE declarations (
    id               uuid        PRIMARY KEY,
    reference        text        NOT NULL UNIQUE,
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
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One active booking per truck per day, across all gates: the last line of defence behind Redis.
CREATE UNIQUE INDEX declarations_one_active_per_plate_day
    ON declarations (plate_key, slot_day)
    WHERE status IN ('BOOKED', 'CHECKED_IN', 'CALLED');

CREATE INDEX declarations_slot_active
    ON declarations (gate_code, slot_day, direction, slot_start)
    WHERE status IN ('BOOKED', 'CHECKED_IN', 'CALLED', 'RELEASED', 'EXITED');
CREATE INDEX declarations_firm_page ON declarations (tax_code, created_at, id);
CREATE INDEX declarations_driver ON declarations (driver_phone, created_at, id);
CREATE INDEX declarations_gate_page ON declarations (gate_code, created_at, id);

-- Audit trail: every transition of a declaration, append-only. Each event stores the hash of the
-- previous event of the same declaration, so an edited or deleted row breaks the chain visibly.
CREATE TABLE declaration_events (
    id              bigserial   PRIMARY KEY,
    declaration_id  uuid        NOT NULL REFERENCES declarations (id),
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
    hash            text        NOT NULL
);
CREATE INDEX declaration_events_by_declaration ON declaration_events (declaration_id, id);

-- Answers already given to an Idempotency-Key, replayed on a retry with the same body: the declaration
-- created (201) or the refusal given (its problem in body).
CREATE TABLE idempotency_keys (
    owner          text        NOT NULL,
    key            text        NOT NULL,
    request_hash   text        NOT NULL,
    status         integer     NOT NULL,
    declaration_id uuid,
    body           text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);

-- The generation of the Redis slot ledger of one gate and day. A rebuild of the ledger (or a booking
-- taken while Redis was unreachable) writes a new epoch; an insert admitted under an older epoch is
-- refused, so capacity stays exact even when Redis loses its state mid-burst.
CREATE TABLE ledger_epochs (
    gate_code  text NOT NULL,
    day        date NOT NULL,
    epoch      text NOT NULL,
    PRIMARY KEY (gate_code, day)
);
