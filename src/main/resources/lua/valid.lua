-- 1 when the gate-day ledger exists and was loaded into this Redis process, else 0 (it must be rebuilt).
-- KEYS: 1 epoch
if current_epoch(KEYS[1]) then
  return 1
end
return 0
