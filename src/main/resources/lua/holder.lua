-- 0 only when the gate-day ledger is valid and the truck holds nothing on that day; otherwise 1 (it may
-- hold a place, or the ledger cannot say). A booking refused from a full slot without a claim asks this
-- first: a retry of a booking that succeeded holds the place, and must be answered its 201 instead.
-- KEYS: 1 epoch, 2 plate
-- ARGV: 1 plate key
if not current_epoch(KEYS[1]) then
  return 1
end
return redis.call('HEXISTS', KEYS[2], ARGV[1])
