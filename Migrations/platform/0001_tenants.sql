-- Members of the consortium and the host names their portals answer on.
-- (The migrator itself creates the `platform` schema and `platform.schema_migrations`.)

CREATE TABLE platform.tenants (
    slug              text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{1,40}$'),
    schema_name       text NOT NULL UNIQUE CHECK (schema_name ~ '^tenant_[a-z0-9_]+$'),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind              text NOT NULL CHECK (kind IN ('commune', 'intercommunality')),
    insee_code        text CHECK (insee_code ~ '^([0-9]{2}|2[AB])[0-9]{3}$'),
    siren             text NOT NULL CHECK (siren ~ '^[0-9]{9}$'),
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    suspension_reason text CHECK (suspension_reason IN ('operator', 'removed-from-manifest')),
    -- 'manifest': declared in Tenants/ (sync suspends it when its file goes);
    -- 'operator': created with `mutualis tenants create` (sync leaves it alone).
    origin            text NOT NULL DEFAULT 'manifest' CHECK (origin IN ('manifest', 'operator')),
    modules           text[] NOT NULL DEFAULT '{}',
    branding          jsonb NOT NULL DEFAULT '{}',
    logo              bytea,
    logo_content_type text,
    manifest_checksum text,
    schema_version    integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    suspended_at      timestamptz,
    CHECK ((status = 'suspended') = (suspension_reason IS NOT NULL))
);

CREATE TABLE platform.tenant_hosts (
    host        text PRIMARY KEY CHECK (host = lower(host) AND host ~ '^[a-z0-9.-]{1,253}$'),
    tenant_slug text NOT NULL REFERENCES platform.tenants (slug) ON DELETE CASCADE
);
CREATE INDEX tenant_hosts_tenant_idx ON platform.tenant_hosts (tenant_slug);

-- The runtime role (`mutualis_app`, created by Ops/run and the Helm chart) reads and writes
-- platform data but owns nothing: it cannot change the schema.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutualis_app') THEN
        GRANT USAGE ON SCHEMA platform TO mutualis_app;
        GRANT SELECT ON platform.schema_migrations TO mutualis_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON platform.tenants, platform.tenant_hosts TO mutualis_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA platform GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mutualis_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA platform GRANT USAGE, SELECT ON SEQUENCES TO mutualis_app;
    END IF;
END
$$;
