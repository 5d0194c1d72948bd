-- The yard changed in PostgreSQL: drop the cached list and move the generation on.
-- KEYS: 1 generation, 2 list
redis.call('INCR', KEYS[1])
redis.call('DEL', KEYS[2])
return 1
