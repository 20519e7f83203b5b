-- Each member's time zone (IANA name): recurring jobs that speak to people (the morning
-- digest) run at their hour there. Overseas communes are not on Paris time.
ALTER TABLE platform.tenants
    ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Paris' CHECK (time_zone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$');
