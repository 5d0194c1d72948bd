-- Fee schedules (issue 27): each province's border-gate infrastructure fee, per trip, as data. A row is one
-- version in force from effective_from until the next version's day; the service never changes a version on
-- or after its day, and adds a new one instead. The schedule column holds the version as the API shows it
-- (resolution, partial, missingBands, rules, multipliers); only the service reads it.
CREATE TABLE fee_schedules (
    province_code   text        NOT NULL REFERENCES provinces (code),
    effective_from  date        NOT NULL,
    schedule        jsonb       NOT NULL,
    set_by          text        NOT NULL,
    set_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, effective_from)
);

-- A schedule belongs to a province, not to a gate: its changes enter the change log of every gate of the
-- province (GET /api/v1/audit/gates/{code} reads both).
ALTER TABLE gate_changes ALTER COLUMN gate_code DROP NOT NULL;
ALTER TABLE gate_changes ADD COLUMN province_code text REFERENCES provinces (code);
ALTER TABLE gate_changes ADD CONSTRAINT gate_changes_names_gate_or_province
    CHECK (gate_code IS NOT NULL OR province_code IS NOT NULL);
ALTER TABLE gate_changes DROP CONSTRAINT gate_changes_change_check;
ALTER TABLE gate_changes ADD CONSTRAINT gate_changes_change_check
    CHECK (change IN ('CREATED', 'CHANGED', 'CLOSED', 'REOPENED', 'CAPACITY_SET', 'FEE_SCHEDULE_SET'));
CREATE INDEX gate_changes_by_province ON gate_changes (province_code, id) WHERE gate_code IS NULL;

INSERT INTO provinces (code, name) VALUES ('CAO_BANG', 'Cao Bằng') ON CONFLICT (code) DO NOTHING;

-- Cao Bằng, Resolution 39/2019/NQ-HĐND: the whole table. Bands in order, the first that matches prices the
-- load; farm goods come before the general re-export bands they would otherwise fall into. The day it is
-- seeded from is the start of 2020; a province admin adds a later version when the resolution changes.
INSERT INTO fee_schedules (province_code, effective_from, schedule, set_by) VALUES ('CAO_BANG', DATE '2020-01-01', $json$
{"resolution": "39/2019/NQ-HĐND", "partial": false, "missingBands": [],
 "rules": [
  {"name": "Xăng dầu quá cảnh", "regimes": ["TRANSIT"], "goodsGroups": ["FUEL"],
   "basis": "PER_TONNE", "rateVnd": 70000},
  {"name": "Nông sản TNTX, kho ngoại quan, quá cảnh: từ 18 tấn hoặc container 40 feet",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "goodsGroups": ["FARM"],
   "vehicles": ["CONTAINER_40"], "minTonnes": 18, "basis": "PER_TRIP", "rateVnd": 5500000},
  {"name": "Nông sản TNTX, kho ngoại quan, quá cảnh: 10 đến dưới 18 tấn hoặc container 20 feet",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "goodsGroups": ["FARM"],
   "vehicles": ["CONTAINER_20"], "minTonnes": 10, "maxTonnes": 18, "basis": "PER_TRIP", "rateVnd": 4500000},
  {"name": "Nông sản TNTX, kho ngoại quan, quá cảnh: xe khác",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "goodsGroups": ["FARM"],
   "basis": "PER_TONNE", "rateVnd": 100000},
  {"name": "Hàng TNTX, kho ngoại quan, quá cảnh: container 40 feet",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "vehicles": ["CONTAINER_40"],
   "basis": "PER_TRIP", "rateVnd": 6500000},
  {"name": "Hàng TNTX, kho ngoại quan, quá cảnh: container 20 feet",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "vehicles": ["CONTAINER_20"],
   "basis": "PER_TRIP", "rateVnd": 5500000},
  {"name": "Hàng TNTX, kho ngoại quan, quá cảnh: xe khác",
   "regimes": ["TEMPORARY_IMPORT_REEXPORT", "BONDED", "TRANSIT"], "basis": "PER_TONNE", "rateVnd": 200000},
  {"name": "Nông sản Việt Nam xuất khẩu", "regimes": ["ORDINARY_TRADE"], "directions": ["EXPORT"],
   "goodsGroups": ["FARM"], "basis": "PER_TONNE", "rateVnd": 25000},
  {"name": "Động vật sống", "regimes": ["ORDINARY_TRADE"], "goodsGroups": ["LIVE_ANIMALS"],
   "basis": "PER_TONNE", "rateVnd": 25000},
  {"name": "Hàng nhập khẩu chịu thuế", "regimes": ["ORDINARY_TRADE"], "directions": ["IMPORT"], "dutiable": true,
   "basis": "PER_TONNE", "rateVnd": 25000},
  {"name": "Hàng xuất nhập khẩu khác", "regimes": ["ORDINARY_TRADE"], "basis": "PER_TONNE", "rateVnd": 100000}
 ],
 "multipliers": []}
$json$, 'seed');

-- Lạng Sơn, Resolution 09/2025/NQ-HĐND (in force 8 May 2025): only what has been published is held. A load
-- outside these bands is quoted UNPRICED until a province admin completes the table through the API.
INSERT INTO fee_schedules (province_code, effective_from, schedule, set_by) VALUES ('LANG_SON', DATE '2025-05-08', $json$
{"resolution": "09/2025/NQ-HĐND", "partial": true,
 "missingBands": [
  "Nông sản, rau quả tươi xuất khẩu từ 2 tấn trở lên",
  "Hàng xuất nhập khẩu chính ngạch khác",
  "Hàng TNTX, kho ngoại quan: container 20 feet và xe không container",
  "Nông sản TNTX: container 20 feet và xe không container",
  "Hàng quá cảnh",
  "Mức cơ sở của khoáng sản xuất khẩu"
 ],
 "rules": [
  {"name": "Rau quả tươi xuất khẩu dưới 2 tấn", "regimes": ["ORDINARY_TRADE"], "directions": ["EXPORT"],
   "goodsGroups": ["FARM"], "maxTonnes": 2, "basis": "PER_TRIP", "rateVnd": 100000},
  {"name": "Nông sản TNTX, container 40 feet", "regimes": ["TEMPORARY_IMPORT_REEXPORT"], "goodsGroups": ["FARM"],
   "vehicles": ["CONTAINER_40"], "basis": "PER_TRIP", "rateVnd": 4000000}
 ],
 "multipliers": [
  {"name": "Khoáng sản xuất khẩu: 5 lần mức thu", "goodsGroups": ["ORE"], "directions": ["EXPORT"], "percent": 500},
  {"name": "Hàng nhập khẩu giao nội địa: 130 %", "deliveries": ["INLAND"], "directions": ["IMPORT"], "percent": 130},
  {"name": "Hàng chỉ sang tải tại bến bãi: 30 %", "deliveries": ["WHARF_ONLY"], "percent": 30}
 ]}
$json$, 'seed');
