-- A member's news (actualités), shown on its portal home page and served at /api/v1/news.
-- Runs with search_path set to the member's schema: names are unqualified.

CREATE TABLE news (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary      text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    body         text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
    published_at timestamptz NOT NULL DEFAULT now(),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX news_published_idx ON news (published_at DESC, id DESC);
