-- The seed tables (providers, usage_metrics, quotas, api_keys) extended for the gateway,
-- plus budgets, alerts and the audit log.

CREATE TABLE providers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    family      TEXT NOT NULL DEFAULT '',
    base_url    TEXT,
    free_tier   BOOLEAN NOT NULL DEFAULT FALSE,
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    priority    INTEGER NOT NULL DEFAULT 100,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE usage_metrics (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id           TEXT NOT NULL UNIQUE,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    api_key_id           TEXT,
    team                 TEXT,
    task_type            TEXT NOT NULL,
    provider             TEXT,
    model                TEXT,
    input_tokens         INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens  INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens   INTEGER NOT NULL DEFAULT 0,
    output_tokens        INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens     INTEGER NOT NULL DEFAULT 0,
    total_tokens         INTEGER NOT NULL DEFAULT 0,
    cost_micros          BIGINT NOT NULL DEFAULT 0,
    latency_ms           DOUBLE PRECISION NOT NULL DEFAULT 0,
    attempts             INTEGER NOT NULL DEFAULT 1,
    cache_hit            BOOLEAN NOT NULL DEFAULT FALSE,
    error_class          TEXT,
    status               INTEGER NOT NULL DEFAULT 200,
    stream               BOOLEAN NOT NULL DEFAULT FALSE,
    dead_letter          BOOLEAN NOT NULL DEFAULT FALSE
);

-- Analytics: time range scans, grouped by provider/model, key, task type, team.
CREATE INDEX ix_usage_occurred_at ON usage_metrics (occurred_at);
CREATE INDEX ix_usage_provider_model ON usage_metrics (provider, model, occurred_at);
CREATE INDEX ix_usage_api_key ON usage_metrics (api_key_id, occurred_at) WHERE api_key_id IS NOT NULL;
CREATE INDEX ix_usage_task_type ON usage_metrics (task_type, occurred_at);
CREATE INDEX ix_usage_team ON usage_metrics (team, occurred_at) WHERE team IS NOT NULL;
CREATE INDEX ix_usage_dead_letter ON usage_metrics (recorded_at) WHERE dead_letter;

-- Request and token limits per scope (cost limits live in budgets).
CREATE TABLE quotas (
    scope        TEXT NOT NULL,
    metric       TEXT NOT NULL CHECK (metric IN ('requests', 'tokens')),
    period       TEXT NOT NULL CHECK (period IN ('minute', 'hour', 'day', 'week', 'month')),
    limit_value  BIGINT NOT NULL CHECK (limit_value >= 0),
    hard         BOOLEAN NOT NULL DEFAULT TRUE,
    time_zone    TEXT NOT NULL DEFAULT 'UTC',
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, metric, period)
);

CREATE TABLE budgets (
    scope         TEXT NOT NULL,
    period        TEXT NOT NULL CHECK (period IN ('minute', 'hour', 'day', 'week', 'month')),
    limit_micros  BIGINT NOT NULL CHECK (limit_micros >= 0),
    hard          BOOLEAN NOT NULL DEFAULT TRUE,
    time_zone     TEXT NOT NULL DEFAULT 'UTC',
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, period)
);

-- Per-scope settings shared by its quotas and budgets.
CREATE TABLE quota_scopes (
    scope             TEXT PRIMARY KEY,
    alert_thresholds  DOUBLE PRECISION[] NOT NULL DEFAULT '{0.5,0.8,1.0}',
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope         TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    threshold     DOUBLE PRECISION NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    used          BIGINT NOT NULL,
    limit_value   BIGINT NOT NULL,
    raised_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (scope, metric, period, window_start, threshold)
);
CREATE INDEX ix_alerts_raised_at ON alerts (raised_at);

CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    details   JSONB
);
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- API keys for the router's authentication (only a hash is stored).
CREATE TABLE api_keys (
    id              TEXT PRIMARY KEY,
    prefix          TEXT NOT NULL UNIQUE,
    hash            TEXT NOT NULL,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT 'user',
    team            TEXT,
    allowed_models  TEXT[] NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ
);
CREATE INDEX ix_api_keys_team ON api_keys (team) WHERE team IS NOT NULL;
