-- The declaration row names the newest event of its audit chain, so the chain covers the row: deleting the
-- newest events, or changing the row without an event, no longer goes unseen by the chain check.
ALTER TABLE declarations ADD COLUMN last_event_hash text;

UPDATE declarations d SET last_event_hash = (
    SELECT e.hash FROM declaration_events e WHERE e.declaration_id = d.id ORDER BY e.id DESC LIMIT 1);

-- Every event written moves the row's pointer, whoever writes it. The booking statement sets the first one
-- itself, so for it this finds nothing to change.
CREATE FUNCTION bind_declaration_to_newest_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE declarations SET last_event_hash = NEW.hash
     WHERE id = NEW.declaration_id AND last_event_hash IS DISTINCT FROM NEW.hash;
    RETURN NULL;
END;
$$;

CREATE TRIGGER declaration_events_bind_row
    AFTER INSERT ON declaration_events
    FOR EACH ROW EXECUTE FUNCTION bind_declaration_to_newest_event();
