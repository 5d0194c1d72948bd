-- Replace a gate-day ledger with a state counted from PostgreSQL, in one step, under a new epoch
-- stamped with this Redis process (see ledger-epoch.lua).
-- KEYS: 1 epoch, 2 capacity, 3 used, 4 firm, 5 plate, 6 queue
-- ARGV: 1 new epoch, 2 expiry (unix seconds), 3 JSON {capacity, used, firm, plate, queue}
local state = cjson.decode(ARGV[3])
local parts = {'capacity', 'used', 'firm', 'plate', 'queue'}
for i, part in ipairs(parts) do
  local key = KEYS[i + 1]
  redis.call('DEL', key)
  -- written in chunks: unpack() of a very large table would exceed Lua's stack
  local flat = {}
  for field, value in pairs(state[part]) do
    flat[#flat + 1] = field
    flat[#flat + 1] = tostring(value)
    if #flat >= 1000 then
      redis.call('HSET', key, unpack(flat))
      flat = {}
    end
  end
  if #flat > 0 then
    redis.call('HSET', key, unpack(flat))
  end
  if redis.call('EXISTS', key) == 1 then
    redis.call('EXPIREAT', key, ARGV[2])
  end
end
redis.call('SET', KEYS[1], ARGV[1] .. '@' .. server_run_id())
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 1
