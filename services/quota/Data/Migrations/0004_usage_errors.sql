-- Issue 19: the ledger says what happened.
--   error_code:   the gateway's error code the caller received (model_not_found, budget_exceeded, …),
--                 beside error_class (the provider failure class of the last attempt). Nullable, so
--                 adding it rewrites nothing.
--   usage_failed: the one definition of a failed request for ingestion, rollups and analytics: an error
--                 class, or a status the caller received outside 2xx (status 0 = not reported). Before
--                 this, a 404 for an unknown model or a 503 without a class counted as a success.
-- The rollups' error counts are rebuilt with the new definition.

ALTER TABLE usage_metrics ADD COLUMN error_code TEXT;

CREATE FUNCTION usage_failed(error_class TEXT, status INTEGER) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN error_class IS NOT NULL OR status >= 300 OR status BETWEEN 1 AND 199;

CREATE OR REPLACE FUNCTION rebuild_usage_rollups() RETURNS void LANGUAGE sql AS $$
    TRUNCATE usage_hourly, usage_daily_key;
    INSERT INTO usage_hourly
    SELECT date_trunc('hour', occurred_at, 'UTC'), provider, model, task_type, count(*), sum(input_tokens),
           sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
           count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE usage_failed(error_class, status))
    FROM usage_metrics GROUP BY 1, 2, 3, 4 ORDER BY 1;
    INSERT INTO usage_daily_key
    SELECT (occurred_at AT TIME ZONE 'UTC')::date, api_key_id, team, count(*), sum(input_tokens),
           sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
           count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE usage_failed(error_class, status))
    FROM usage_metrics GROUP BY 1, 2, 3 ORDER BY 1;
$$;

SELECT rebuild_usage_rollups();
