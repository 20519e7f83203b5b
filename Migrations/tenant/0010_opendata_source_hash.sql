-- The fingerprint of the source rows a refresh last produced its files from: the next refresh
-- of unchanged rows (the nightly one, mostly) ends at once as `unchanged`, without producing and
-- comparing the files again. NULL: unknown (a catalogue, a failed refresh): the files are made.
ALTER TABLE opendata_refreshes ADD COLUMN source_hash text;
