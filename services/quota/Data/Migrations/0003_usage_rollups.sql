-- Rollups for the analytics API, kept in the same transaction as the ledger rows they sum (see
-- Ingestion/UsageRepository.cs), so a query reading both in one snapshot stays exact.
--   usage_hourly:    per UTC hour × provider × model × task type (a few dozen rows an hour): usage by
--                    day / provider / model / task type and the cache hit rate.
--   usage_daily_key: per UTC day × API key × team: usage by key and top consumers. Daily, not hourly,
--                    because key × hour has nearly as many rows as the ledger itself when many keys
--                    are active; the partial days at a range's edges are read from usage_metrics.
-- NULLS NOT DISTINCT (PostgreSQL 15+): a missing provider/model/key/team is one group, as in GROUP BY.
-- fillfactor 50: a group's row is updated by every batch that touches it; room on its page lets
-- PostgreSQL update it in place (HOT) instead of adding index entries for each new version.

CREATE TABLE usage_hourly (
    hour                 TIMESTAMPTZ NOT NULL,
    provider             TEXT,
    model                TEXT,
    task_type            TEXT NOT NULL,
    requests             BIGINT NOT NULL,
    input_tokens         BIGINT NOT NULL,
    cached_input_tokens  BIGINT NOT NULL,
    output_tokens        BIGINT NOT NULL,
    total_tokens         BIGINT NOT NULL,
    cost_micros          BIGINT NOT NULL,
    cache_hits           BIGINT NOT NULL,
    errors               BIGINT NOT NULL,
    CONSTRAINT usage_hourly_group UNIQUE NULLS NOT DISTINCT (hour, provider, model, task_type)
) WITH (fillfactor = 50);

CREATE TABLE usage_daily_key (
    day                  DATE NOT NULL,
    api_key_id           TEXT,
    team                 TEXT,
    requests             BIGINT NOT NULL,
    input_tokens         BIGINT NOT NULL,
    cached_input_tokens  BIGINT NOT NULL,
    output_tokens        BIGINT NOT NULL,
    total_tokens         BIGINT NOT NULL,
    cost_micros          BIGINT NOT NULL,
    cache_hits           BIGINT NOT NULL,
    errors               BIGINT NOT NULL,
    CONSTRAINT usage_daily_key_group UNIQUE NULLS NOT DISTINCT (day, api_key_id, team)
) WITH (fillfactor = 50);

-- Recomputes both rollups from the ledger: the backfill below, and after a bulk load that bypassed
-- ingestion (COPY). Takes the tables' exclusive locks, so ingestion waits while it runs. Written in
-- time order, as ingestion writes them, so a range reads neighbouring pages.
CREATE FUNCTION rebuild_usage_rollups() RETURNS void LANGUAGE sql AS $$
    TRUNCATE usage_hourly, usage_daily_key;
    INSERT INTO usage_hourly
    SELECT date_trunc('hour', occurred_at, 'UTC'), provider, model, task_type, count(*), sum(input_tokens),
           sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
           count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error_class IS NOT NULL)
    FROM usage_metrics GROUP BY 1, 2, 3, 4 ORDER BY 1;
    INSERT INTO usage_daily_key
    SELECT (occurred_at AT TIME ZONE 'UTC')::date, api_key_id, team, count(*), sum(input_tokens),
           sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
           count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error_class IS NOT NULL)
    FROM usage_metrics GROUP BY 1, 2, 3 ORDER BY 1;
$$;

SELECT rebuild_usage_rollups();

-- Analytics no longer scans the ledger by these; each was one more B-tree to update per ingested row.
-- Kept: occurred_at (range edges), api_key (a key's own usage), dead_letter.
DROP INDEX ix_usage_provider_model;
DROP INDEX ix_usage_task_type;
DROP INDEX ix_usage_team;
