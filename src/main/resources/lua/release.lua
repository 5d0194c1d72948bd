-- Give back what a declaration held in a gate-day ledger. Guarded so a place is never returned twice:
-- the truck's plate must still be held by this declaration (a rebuild from PostgreSQL that already
-- excluded it leaves no holder), and when an epoch is given the ledger must still be that generation.
-- KEYS: 1 epoch, 2 used, 3 firm, 4 plate, 5 withdrawn attempts
-- ARGV: 1 slot field ('' = none), 2 tax code ('' = none), 3 plate key, 4 declaration id,
--       5 drop the plate ('1'/'0'), 6 expected epoch ('' = any),
--       7 the attempt token of the claim to give back ('' = whichever claim holds the truck)
-- Giving back an attempt's claim that has not counted anything (it timed out on its way, and may still be
-- travelling) withdraws the attempt instead: claim.lua refuses it if it comes. So give-back and late claim
-- leave nothing counted in whichever order they reach Redis. Withdrawals are kept 10 minutes, far longer
-- than any command stays in flight on a connection that is still open.
local function withdraw()
  if ARGV[7] ~= '' then
    redis.call('HSET', KEYS[5], ARGV[7], '1')
    redis.call('EXPIRE', KEYS[5], 600)
  end
  return 0
end
local epoch = current_epoch(KEYS[1])
if not epoch then
  return withdraw()
end
if ARGV[6] ~= '' and ARGV[6] ~= epoch then
  return 0
end
if redis.call('HGET', KEYS[4], ARGV[3]) ~= ARGV[4] then
  return withdraw()
end
if ARGV[7] ~= '' then
  local held = redis.call('HGET', KEYS[4], '#' .. ARGV[4])
  if not held or string.sub(held, -#ARGV[7] - 1) ~= '|' .. ARGV[7] then
    return withdraw()
  end
end
if ARGV[1] ~= '' and tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
end
if ARGV[2] ~= '' and tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[2], -1)
end
if ARGV[5] == '1' then
  redis.call('HDEL', KEYS[4], ARGV[3], '#' .. ARGV[4])
end
return 1
