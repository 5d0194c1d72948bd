-- Retention (bordergate.retention.*): idempotency keys and finished webhook deliveries are deleted once
-- past their useful life, oldest first, in small batches; these indexes find them without a scan.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
CREATE INDEX webhook_deliveries_finished_by_age ON webhook_deliveries (created_at) WHERE status <> 'PENDING';
