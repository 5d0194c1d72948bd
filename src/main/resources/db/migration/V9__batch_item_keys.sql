-- Issue 25: a batch's items were answered under '<key>#<index>', a key a single booking may send too, so the
-- two met. Items are now answered under '<key>' || E'\n' || '<index>', which no client key can spell (a key
-- holds no control character). A stored '<key>#<index>' may have been either; it stays where it is for a
-- single booking and is copied for the batch, so a retry of either still finds the answer it was given.
-- The copies keep created_at and leave with the originals (bordergate.retention.idempotency-keys).
INSERT INTO idempotency_keys (owner, key, request_hash, status, declaration_id, body, created_at)
SELECT owner, regexp_replace(key, '#(0|[1-9][0-9]?)$', E'\n\\1'), request_hash, status, declaration_id, body, created_at
FROM idempotency_keys
WHERE key ~ '#(0|[1-9][0-9]?)$'
ON CONFLICT (owner, key) DO NOTHING;
