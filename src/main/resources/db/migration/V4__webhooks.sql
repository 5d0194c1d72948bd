-- Webhooks of logistics firms. The secret is stored in plain text: the dispatcher needs it to sign every
-- delivery (a hash would not do). Protect it as the database itself is protected (at-rest encryption, backups).
CREATE TABLE webhooks (
    id           uuid        PRIMARY KEY,
    tax_code     text        NOT NULL,
    url          text        NOT NULL,
    event_types  text[],                 -- NULL: every event type
    secret       text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- The outbox trigger probes this on every audited event, the booking hot path included.
CREATE INDEX webhooks_by_firm ON webhooks (tax_code);

-- The outbox: one row per (webhook, event), written in the transaction of the event, so a committed change
-- always has its deliveries and a restart loses none. Deleting a webhook deletes its queue and log.
CREATE TABLE webhook_deliveries (
    id               bigserial   PRIMARY KEY,
    webhook_id       uuid        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         bigint      NOT NULL,
    declaration_id   uuid        NOT NULL,
    event_type       text        NOT NULL,
    event_at         timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_http_status integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
-- Due work for the dispatcher, and the "oldest pending of this declaration" check that keeps the order.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_pending_order
    ON webhook_deliveries (webhook_id, declaration_id, id) WHERE status = 'PENDING';
-- The delivery log of one webhook, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);

-- Fills the outbox from the audit trail. With no webhook for the firm it costs the lookup of the
-- declaration's firm (a primary-key probe of the row this transaction just wrote) and one probe of
-- webhooks_by_firm that finds nothing.
CREATE FUNCTION enqueue_webhook_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (webhook_id, event_id, declaration_id, event_type, event_at, next_attempt_at)
    SELECT w.id, NEW.id, NEW.declaration_id, NEW.type, NEW.occurred_at, NEW.occurred_at
      FROM declarations d
      JOIN webhooks w ON w.tax_code = d.tax_code
     WHERE d.id = NEW.declaration_id
       AND (w.event_types IS NULL OR NEW.type = ANY (w.event_types));
    RETURN NULL;
END;
$$;

CREATE TRIGGER declaration_events_to_webhooks
    AFTER INSERT ON declaration_events
    FOR EACH ROW EXECUTE FUNCTION enqueue_webhook_deliveries();
