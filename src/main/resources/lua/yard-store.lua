-- Cache a yard list read from PostgreSQL, unless the yard changed since the read began (its generation
-- moved on): a stale snapshot must never overwrite a newer invalidation.
-- KEYS: 1 generation, 2 list   ARGV: 1 generation seen before the read, 2 JSON list, 3 ttl seconds
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
return 1
