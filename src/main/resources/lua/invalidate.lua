-- Drop a gate-day ledger's epoch if it is still the given one, so the next use rebuilds it.
-- KEYS: 1 epoch   ARGV: 1 epoch found stale ('' = whatever it is)
local epoch = redis.call('GET', KEYS[1])
if epoch and (ARGV[1] == '' or epoch == ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
