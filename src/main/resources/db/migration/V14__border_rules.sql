-- Border rules as data (issue 29): what a province sets for a gate beyond its slots and capacities, each for a
-- period, set and ended by province admins, every change in the gate's change log.
--   DECLARATION_WINDOW  a slot may lie at most max_days_ahead days after the declaration is made (the partner
--                       side's pre-declaration window: China's accepts an export pre-declaration only 3 days ahead)
--   CATEGORY_STOP       cargo of these categories, or with an HS code starting with these prefixes, is not taken
--                       at the gate for slots in the period (the other side's yards are full, Tết)
-- direction NULL: both directions. valid_until NULL: until ended. Ending a rule sets ended_at; the row stays.
CREATE TABLE border_rules (
    id              uuid        PRIMARY KEY,
    gate_code       text        NOT NULL REFERENCES gates (code),
    kind            text        NOT NULL CHECK (kind IN ('DECLARATION_WINDOW', 'CATEGORY_STOP')),
    direction       text        CHECK (direction IN ('IMPORT', 'EXPORT')),
    valid_from      timestamptz NOT NULL,
    valid_until     timestamptz,
    max_days_ahead  integer     CHECK (max_days_ahead BETWEEN 0 AND 366),
    categories      text[]      NOT NULL DEFAULT '{}',
    hs_prefixes     text[]      NOT NULL DEFAULT '{}',
    reason_vi       text        NOT NULL,
    reason_en       text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    ended_at        timestamptz,
    CHECK (valid_until IS NULL OR valid_until > valid_from),
    CHECK ((kind = 'DECLARATION_WINDOW') = (max_days_ahead IS NOT NULL)),
    CHECK (kind <> 'CATEGORY_STOP' OR cardinality(categories) + cardinality(hs_prefixes) > 0)
);
CREATE INDEX border_rules_by_gate ON border_rules (gate_code) WHERE ended_at IS NULL;

ALTER TABLE gate_changes DROP CONSTRAINT gate_changes_change_check;
ALTER TABLE gate_changes ADD CONSTRAINT gate_changes_change_check
    CHECK (change IN ('CREATED', 'CHANGED', 'CLOSED', 'REOPENED', 'CAPACITY_SET', 'FEE_SCHEDULE_SET',
                      'RULE_SET', 'RULE_ENDED'));
