-- Shared head of the ledger scripts. A ledger's epoch key holds "<epoch>@<run_id>": the generation counted
-- from PostgreSQL, and the Redis server process that received it. Any other process (a restart, even from a
-- snapshot or AOF; a failover to a replica that may have missed writes) may hold an older state, so to it
-- the ledger counts as missing and is rebuilt from PostgreSQL before its next claim is trusted.
local function server_run_id()
  return string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
end

local function current_epoch(epoch_key)
  local stored = redis.call('GET', epoch_key)
  if not stored then
    return nil
  end
  local epoch, run_id = string.match(stored, '^(.*)@(%w+)$')
  if run_id ~= server_run_id() then
    return nil
  end
  return epoch
end

