-- French full-text search ignores accents (the archive's search: « deliberation » finds
-- « délibération »). `unaccent` is a trusted extension: the database owner may create it. It
-- lives in its own schema of functions (no tables): members' SQL calls it as
-- extensions.unaccent('extensions.unaccent'::regdictionary, …), which does not depend on the
-- search_path (a member's transaction sees only its own schema).
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA extensions;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutualis_app') THEN
        GRANT USAGE ON SCHEMA extensions TO mutualis_app;
    END IF;
END
$$;
