-- Yard, call-up, inspection and exit. The yard order is (yard_round, priority, slot_start, checked_in_at):
-- a truck that missed its call goes to round 1, behind everyone; PERISHABLE sorts before STANDARD.
ALTER TABLE declarations
    ADD COLUMN checked_in_at  timestamptz,
    ADD COLUMN yard_round     integer NOT NULL DEFAULT 0,
    ADD COLUMN called_at      timestamptz,
    ADD COLUMN call_deadline  timestamptz,
    ADD COLUMN missed_calls   integer NOT NULL DEFAULT 0,
    ADD COLUMN arrived_at     timestamptz,
    ADD COLUMN released_at    timestamptz,
    ADD COLUMN exited_at      timestamptz;

CREATE INDEX declarations_yard
    ON declarations (gate_code, direction, yard_round, priority, slot_start, checked_in_at)
    WHERE status = 'CHECKED_IN';
CREATE INDEX declarations_call_deadline
    ON declarations (call_deadline)
    WHERE status = 'CALLED' AND arrived_at IS NULL;
CREATE INDEX declarations_booked_until
    ON declarations (slot_end)
    WHERE status = 'BOOKED';

-- The latest decision of each agency on a declaration.
CREATE TABLE inspections (
    declaration_id  uuid        NOT NULL REFERENCES declarations (id),
    agency          text        NOT NULL CHECK (agency IN ('customs', 'border-guard', 'quarantine')),
    decision        text        NOT NULL CHECK (decision IN ('CLEARED', 'HOLD', 'REJECTED')),
    note            text,
    officer         text        NOT NULL,
    decided_at      timestamptz NOT NULL,
    PRIMARY KEY (declaration_id, agency)
);
