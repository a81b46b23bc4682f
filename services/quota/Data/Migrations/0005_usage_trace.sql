-- Issue 16: from a ledger row to its trace.
--   trace_id: the W3C trace id (32 lowercase hex digits) of the router request the row accounts for, from the
--             usage event's traceparent; null when the router traced nothing. Nullable, so adding it rewrites
--             nothing; no index: an operator reads it from a row, the tracing backend finds the trace by it.
ALTER TABLE usage_metrics ADD COLUMN trace_id TEXT;
