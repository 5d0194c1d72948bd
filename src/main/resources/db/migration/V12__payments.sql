-- Payments of the border-gate fee (issue 27). The service never holds money: it shows the collecting Centre's
-- account as a VietQR code with a payment reference, and reconciles what the Centre's bank reports.

-- A trip's payment reference, made when its payment is first asked for: short enough for a bank transfer's
-- purpose field, and the only thing a credit carries that names the trip.
CREATE TABLE trip_payments (
    declaration_id  uuid        PRIMARY KEY,
    province_code   text        NOT NULL REFERENCES provinces (code),
    reference       text        NOT NULL UNIQUE CHECK (reference ~ '^BG[0-9A-Z]{10}$'),
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Every credit the collecting account's bank reported, matched or not: its transaction id makes a replayed
-- notification a no-op. An unmatched credit waits here for a finance officer.
CREATE TABLE bank_credits (
    province_code       text        NOT NULL REFERENCES provinces (code),
    bank_transaction_id text        NOT NULL CHECK (length(bank_transaction_id) BETWEEN 1 AND 64),
    amount_vnd          bigint      NOT NULL CHECK (amount_vnd > 0),
    description         text        NOT NULL,
    credited_at         timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    declaration_id      uuid,
    matched_by          text,
    matched_at          timestamptz,
    PRIMARY KEY (province_code, bank_transaction_id)
);
CREATE INDEX bank_credits_unmatched ON bank_credits (province_code, received_at) WHERE declaration_id IS NULL;

-- Money in (BANK, CASH) and out (REFUND) of one trip's fee. A bank payment names its credit.
CREATE TABLE payments (
    id                  bigserial   PRIMARY KEY,
    declaration_id      uuid        NOT NULL REFERENCES trip_payments (declaration_id),
    kind                text        NOT NULL CHECK (kind IN ('BANK', 'CASH', 'REFUND')),
    amount_vnd          bigint      NOT NULL CHECK (amount_vnd > 0),
    bank_transaction_id text,
    payer               jsonb,
    recorded_by         text        NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'BANK') = (bank_transaction_id IS NOT NULL))
);
CREATE INDEX payments_of_trip ON payments (declaration_id, id);
CREATE INDEX payments_by_day ON payments (recorded_at);

-- A receipt is never deleted or changed: a wrong one (the payer's name) is replaced by a REPLACEMENT that
-- names it, and a fee raised after it was receipted gets an ADJUSTMENT for the difference that names it too.
-- Receipt numbers: per series (a collector's, for one calendar year), from 1 with no gap. The counter row is
-- updated in the transaction that issues the receipt, so a rolled-back payment gives its number back.
CREATE TABLE receipt_counters (
    series       text    PRIMARY KEY,
    last_number  integer NOT NULL CHECK (last_number BETWEEN 0 AND 99999999)
);

CREATE TABLE receipts (
    series           text        NOT NULL,
    number           integer     NOT NULL CHECK (number BETWEEN 1 AND 99999999),
    declaration_id   uuid        NOT NULL REFERENCES trip_payments (declaration_id),
    kind             text        NOT NULL CHECK (kind IN ('ORIGINAL', 'ADJUSTMENT', 'REPLACEMENT')),
    corrects_series  text,
    corrects_number  integer,
    payer            jsonb       NOT NULL,
    lines            jsonb       NOT NULL,
    amount_vnd       bigint      NOT NULL CHECK (amount_vnd > 0),
    amount_words     text        NOT NULL,
    issued_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (series, number),
    FOREIGN KEY (corrects_series, corrects_number) REFERENCES receipts (series, number),
    CHECK ((kind = 'ORIGINAL') = (corrects_series IS NULL))
);
CREATE INDEX receipts_of_trip ON receipts (declaration_id, issued_at);
