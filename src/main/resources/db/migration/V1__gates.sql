-- Border gates are reference data: codes are API identifiers and never change.
CREATE TABLE gates (
    code                  text PRIMARY KEY,
    name                  text        NOT NULL,
    province              text        NOT NULL,
    reference_prefix      text        NOT NULL UNIQUE,
    international         boolean     NOT NULL,
    time_zone             text        NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    opens_at              time        NOT NULL,
    closes_at             time        NOT NULL,
    slot_minutes          integer     NOT NULL DEFAULT 60 CHECK (slot_minutes IN (15, 20, 30, 60, 120)),
    booking_horizon_days  integer     NOT NULL DEFAULT 3 CHECK (booking_horizon_days BETWEEN 0 AND 30),
    export_capacity       integer     NOT NULL CHECK (export_capacity >= 0),
    import_capacity       integer     NOT NULL CHECK (import_capacity >= 0),
    CHECK (opens_at < closes_at)
);

-- Default capacities per slot follow the 2025 daily volumes (Hữu Nghị ~262 export / 608 import a day).
INSERT INTO gates (code, name, province, reference_prefix, international, opens_at, closes_at,
                   export_capacity, import_capacity) VALUES
    ('HUU_NGHI',  'Hữu Nghị',              'Lạng Sơn',   'HN', true,  '07:00', '19:00', 25, 55),
    ('TAN_THANH', 'Tân Thanh',             'Lạng Sơn',   'TT', false, '07:00', '19:00', 25, 30),
    ('COC_NAM',   'Cốc Nam',               'Lạng Sơn',   'CN', false, '07:00', '17:00', 5,  5),
    ('CHI_MA',    'Chi Ma',                'Lạng Sơn',   'CM', false, '07:00', '17:00', 12, 12),
    ('MONG_CAI',  'Móng Cái – Bắc Luân II', 'Quảng Ninh', 'MC', true,  '07:00', '22:00', 30, 30),
    ('KIM_THANH', 'Kim Thành',             'Lào Cai',    'KT', true,  '07:00', '22:00', 30, 30);

-- A capacity set for one slot and direction; slots without a row use the gate's default.
CREATE TABLE slot_capacities (
    gate_code   text        NOT NULL REFERENCES gates (code),
    direction   text        NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT')),
    slot_start  timestamptz NOT NULL,
    capacity    integer     NOT NULL CHECK (capacity >= 0),
    PRIMARY KEY (gate_code, direction, slot_start)
);
