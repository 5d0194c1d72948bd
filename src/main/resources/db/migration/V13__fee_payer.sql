-- Who pays a trip's border-gate fee when it is not the declaring firm (issue 27): name, tax code, address and
-- phone as the receipt names them. Null when the declaring firm pays, which is every declaration before this.
-- A nullable column without a default is only a catalogue change: no partition is rewritten.
ALTER TABLE declarations ADD COLUMN fee_payer jsonb;

-- Archived days are partitions detached before this column existed: they get it too, so one row mapping and
-- one UNION read every day alike. A detached day not yet moved to the archive schema is caught as well.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname IN ('public', 'archive')
                AND c.relname ~ '^declarations_p[0-9]{8}$'
                AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'fee_payer'
                                                               AND NOT a.attisdropped) LOOP
        EXECUTE format('ALTER TABLE %I.%I ADD COLUMN fee_payer jsonb', t.nspname, t.relname);
    END LOOP;
END;
$$;
