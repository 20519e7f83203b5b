-- Open data: the member's catalogue of datasets, the records agents enter (or upload, or the
-- parapheur's completed deliberations bring) for the datasets the platform produces, every
-- published version of every resource (a document of the document store, held by
-- `opendata.version:<id>`), and the refreshes that produce them.

CREATE TABLE opendata_datasets (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    -- `lov2` (Licence Ouverte 2.0) or `odbl` (Open Database License).
    licence         text NOT NULL DEFAULT 'lov2' CHECK (licence IN ('lov2', 'odbl')),
    frequency       text NOT NULL DEFAULT 'irregular'
                    CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular')),
    keywords        text[] NOT NULL DEFAULT '{}',
    temporal_start  date,
    temporal_end    date CHECK (temporal_end IS NULL OR temporal_start IS NULL OR temporal_end >= temporal_start),
    -- INSEE code of the commune (or SIREN of the intercommunality) the data covers.
    spatial_code    text NOT NULL CHECK (spatial_code ~ '^[0-9AB]{5}$|^[0-9]{9}$'),
    spatial_name    text NOT NULL CHECK (length(spatial_name) BETWEEN 1 AND 200),
    producer        text NOT NULL CHECK (length(producer) BETWEEN 1 AND 200),
    producer_siret  text NOT NULL CHECK (producer_siret ~ '^[0-9]{14}$'),
    contact_email   text NOT NULL CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
    theme           text NOT NULL DEFAULT 'Administration' CHECK (length(theme) BETWEEN 1 AND 100),
    -- The SCDL schema its CSV must pass (`deliberations`, `subventions`…); NULL: none declared.
    schema_name     text CHECK (schema_name ~ '^[a-z]{1,40}$'),
    -- Where its rows come from: `records` (entered, uploaded or brought by an event), `catalogue`
    -- (the member's catalogue itself) or `files` (uploaded resources, published as they are).
    source          text NOT NULL CHECK (source IN ('records', 'catalogue', 'files')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (source <> 'records' OR schema_name IS NOT NULL)
);

-- The rows of a produced dataset, one JSON object per row (field name → text as in the CSV).
CREATE TABLE opendata_records (
    id          bigserial PRIMARY KEY,
    dataset_id  text NOT NULL REFERENCES opendata_datasets (id) ON DELETE CASCADE,
    fields      jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
    -- `entry` (an agent's form), `upload` (a CSV) or `event` (a completed parapheur folder).
    origin      text NOT NULL CHECK (origin IN ('entry', 'upload', 'event', 'demo')),
    -- For `event`: the event's id, so that a redelivered event adds nothing.
    origin_ref  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dataset_id, origin_ref)
);
CREATE INDEX opendata_records_dataset ON opendata_records (dataset_id, id);

-- A dataset's files: `<dataset>.csv`, `.json`, `.geojson`.
CREATE TABLE opendata_resources (
    id          text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    dataset_id  text NOT NULL REFERENCES opendata_datasets (id) ON DELETE CASCADE,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    format      text NOT NULL CHECK (format IN ('csv', 'json', 'geojson')),
    PRIMARY KEY (dataset_id, id)
);

-- Every published version, kept and downloadable.
CREATE TABLE opendata_versions (
    dataset_id   text NOT NULL,
    resource_id  text NOT NULL,
    version      integer NOT NULL CHECK (version >= 1),
    document_id  uuid NOT NULL REFERENCES documents (id),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size         bigint NOT NULL CHECK (size >= 0),
    row_count    integer,
    origin       text NOT NULL CHECK (origin IN ('refresh', 'upload')),
    published_by text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, resource_id, version),
    FOREIGN KEY (dataset_id, resource_id) REFERENCES opendata_resources (dataset_id, id) ON DELETE CASCADE
);

-- The last refresh of each dataset: progress while it runs, outcome once done.
CREATE TABLE opendata_refreshes (
    dataset_id   text PRIMARY KEY REFERENCES opendata_datasets (id) ON DELETE CASCADE,
    state        text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    -- `published` (a new version), `unchanged` (same content: nothing new), or the failure.
    outcome      text,
    message      text,
    rows_done    integer NOT NULL DEFAULT 0,
    rows_total   integer NOT NULL DEFAULT 0,
    requested_by text,
    queued_at    timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    -- The last run that ended well (a failed one leaves the last good version published).
    last_success timestamptz
);

-- Which parapheur folder types are deliberations, and the ACTES subject they fall under.
CREATE TABLE opendata_deliberation_types (
    folder_type   text PRIMARY KEY CHECK (length(folder_type) BETWEEN 1 AND 200),
    dataset_id    text NOT NULL REFERENCES opendata_datasets (id) ON DELETE CASCADE
);
