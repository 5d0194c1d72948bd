-- Read a gate-day ledger in one consistent step: epoch, capacities and places used.
-- KEYS: 1 epoch, 2 capacity, 3 used
local epoch = current_epoch(KEYS[1])
if not epoch then
  return {'REBUILD'}
end
return {epoch, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
