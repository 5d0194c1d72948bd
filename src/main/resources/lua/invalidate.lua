-- Drop a gate-day ledger's epoch if it is still the given one, so the next use rebuilds it.
-- KEYS: 1 epoch   ARGV: 1 epoch found stale ('' = whatever it is)
-- A ledger written by another Redis process (current_epoch gives nil) is dropped too.
local stored = redis.call('GET', KEYS[1])
local epoch = current_epoch(KEYS[1])
if stored and (ARGV[1] == '' or epoch == nil or epoch == ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
