-- Claim a place in one slot of a gate-day ledger, atomically with the per-firm quota and the
-- one-active-booking-per-truck rule. Nothing changes unless every check passes.
-- KEYS: 1 epoch, 2 capacity, 3 used, 4 firm, 5 plate, 6 queue, 7 withdrawn attempts (see release.lua)
-- ARGV: 1 slot field ('' = keep the slot already held), 2 tax code, 3 plate key, 4 declaration id,
--       5 firm quota, 6 count against the firm quota ('1'/'0'), 7 direction (queue counter),
--       8 a new booking ('1'/'0'; its id is derived from the firm's Idempotency-Key and body),
--       9 this attempt's token (new bookings)
-- The plate hash also keeps '#<declaration id>' -> '<slot field>|<attempt token>' for each new booking, so
-- that the same request again (a retry after a lost answer, or a twin in flight) is told its place is
-- already held, and only the attempt that counted the place can give it back after a timeout.
-- An attempt its request gave up on before it got here was withdrawn by release.lua: it refuses itself, so
-- a claim that arrives after its own give-back never counts a place that no request will ever write.
if ARGV[9] ~= '' and redis.call('HDEL', KEYS[7], ARGV[9]) == 1 then
  return {'WITHDRAWN', ''}
end
local epoch = current_epoch(KEYS[1])
if not epoch then
  return {'REBUILD', ''}
end
local holder = redis.call('HGET', KEYS[5], ARGV[3])
if holder and holder ~= ARGV[4] then
  return {'VEHICLE', epoch}
end
if holder and ARGV[8] == '1' then
  local held = redis.call('HGET', KEYS[5], '#' .. ARGV[4])
  if held and string.sub(held, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
    return {'HELD', epoch, tostring(redis.call('HINCRBY', KEYS[6], ARGV[7], 1))}
  end
  return {'HELD_ELSEWHERE', epoch}
end
if ARGV[1] ~= '' then
  local capacity = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
  local used = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
  if used >= capacity then
    return {'FULL', epoch}
  end
end
if ARGV[6] == '1' then
  local booked = tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0')
  if booked >= tonumber(ARGV[5]) then
    return {'QUOTA', epoch}
  end
end
local queue = 0
if ARGV[1] ~= '' then
  redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
  queue = redis.call('HINCRBY', KEYS[6], ARGV[7], 1)
end
if ARGV[6] == '1' then
  redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
end
redis.call('HSET', KEYS[5], ARGV[3], ARGV[4])
if ARGV[8] == '1' then
  redis.call('HSET', KEYS[5], '#' .. ARGV[4], ARGV[1] .. '|' .. ARGV[9])
end
return {'OK', epoch, tostring(queue)}
