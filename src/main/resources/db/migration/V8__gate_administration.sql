-- Gate administration (issue 14): provinces, each gate's province by code, a weekly calendar, deactivation,
-- and the audit of every configuration change.

-- Codes are API identifiers (LANG_SON, QUANG_NINH, LAO_CAI, ...) and never change; names are for people.
CREATE TABLE provinces (
    code  text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name  text NOT NULL
);
INSERT INTO provinces (code, name) VALUES
    ('LANG_SON', 'Lạng Sơn'),
    ('QUANG_NINH', 'Quảng Ninh'),
    ('LAO_CAI', 'Lào Cai');

ALTER TABLE gates ADD COLUMN province_code text REFERENCES provinces (code);
UPDATE gates g SET province_code = p.code FROM provinces p WHERE p.name = g.province;
ALTER TABLE gates ALTER COLUMN province_code SET NOT NULL;

-- When the next day of the booking horizon opens, in the gate's local time: at booking_opens_at, the day
-- booking_horizon_days ahead becomes bookable (00:00: three days ahead from midnight, with a horizon of 3).
ALTER TABLE gates ADD COLUMN booking_opens_at time NOT NULL DEFAULT '00:00';

-- A gate that is not active takes no new bookings; the ones it has keep their answer.
ALTER TABLE gates ADD COLUMN active boolean NOT NULL DEFAULT true;

-- Opening hours per weekday, as the API shows them: [{"days": ["MONDAY", ...], "opensAt": "07:00",
-- "closesAt": "19:00"}, ...]; a weekday not named is closed. opens_at/closes_at stay as the widest span of
-- the week, for clients that read them. JSON kept as text: only the service reads it, through the entity.
ALTER TABLE gates ADD COLUMN opening_hours text;
UPDATE gates SET opening_hours = jsonb_build_array(jsonb_build_object(
    'days', jsonb_build_array('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'),
    'opensAt', to_char(opens_at, 'HH24:MI'), 'closesAt', to_char(closes_at, 'HH24:MI')))::text;
ALTER TABLE gates ALTER COLUMN opening_hours SET NOT NULL;

-- Who changed a gate's configuration, when, in which role, and what it was before and after.
CREATE TABLE gate_changes (
    id          bigserial   PRIMARY KEY,
    gate_code   text        NOT NULL REFERENCES gates (code),
    change      text        NOT NULL CHECK (change IN ('CREATED', 'CHANGED', 'CLOSED', 'REOPENED', 'CAPACITY_SET')),
    actor       text        NOT NULL,
    actor_role  text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb       NOT NULL
);
CREATE INDEX gate_changes_by_gate ON gate_changes (gate_code, id);

-- A gate closed for a while (Tết, a holiday across the border, a flood): its slots in [starts_at, ends_at)
-- are not offered. Reopening early sets reopened_at; the row stays for the record.
CREATE TABLE gate_closures (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    gate_code    text        NOT NULL REFERENCES gates (code),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    reason_vi    text        NOT NULL,
    reason_en    text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    reopened_at  timestamptz,
    CHECK (starts_at < ends_at)
);
CREATE INDEX gate_closures_in_force ON gate_closures (gate_code, ends_at) WHERE reopened_at IS NULL;
