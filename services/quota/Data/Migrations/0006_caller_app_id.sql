-- Issue 18.8: agents in the Dapr mesh known by their app id.
--   caller_app_id:    the Dapr app id a request came from, when the router's own sidecar vouched for it
--                     (the app token checked; daprd stamps dapr-caller-app-id). Null on the public port.
--                     Nullable, so adding it rewrites nothing.
--   usage_daily_app:  per UTC day × caller app id, for groupBy=app (daily for the reason usage_daily_key is);
--                     backfilled here (every existing row has no app id: one group per day).

ALTER TABLE usage_metrics ADD COLUMN caller_app_id TEXT;

CREATE TABLE usage_daily_app (
    day                  DATE NOT NULL,
    caller_app_id        TEXT,
    requests             BIGINT NOT NULL,
    input_tokens         BIGINT NOT NULL,
    cached_input_tokens  BIGINT NOT NULL,
    output_tokens        BIGINT NOT NULL,
    total_tokens         BIGINT NOT NULL,
    cost_micros          BIGINT NOT NULL,
    cache_hits           BIGINT NOT NULL,
    errors               BIGINT NOT NULL,
    CONSTRAINT usage_daily_app_group UNIQUE NULLS NOT DISTINCT (day, caller_app_id)
) WITH (fillfactor = 50);

INSERT INTO usage_daily_app
SELECT (occurred_at AT TIME ZONE 'UTC')::date, caller_app_id, count(*), sum(input_tokens),
       sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
       count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE usage_failed(error_class, status))
FROM usage_metrics GROUP BY 1, 2 ORDER BY 1;

-- The rollups' rebuild (after a bulk load that bypassed ingestion) now covers usage_daily_app too.
CREATE OR REPLACE FUNCTION rebuild_usage_rollups() RETURNS void LANGUAGE sql AS $$
    TRUNCATE usage_hourly, usage_daily_key, usage_daily_app;
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
    INSERT INTO usage_daily_app
    SELECT (occurred_at AT TIME ZONE 'UTC')::date, caller_app_id, count(*), sum(input_tokens),
           sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
           count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE usage_failed(error_class, status))
    FROM usage_metrics GROUP BY 1, 2 ORDER BY 1;
$$;

