-- Issue 21: the console's Decisions and Overview pages read every router replica's requests from the ledger.
--   decision: the request's routing explanation as the router sent it with the usage event (requested model,
--             route reason, candidates that failed before the winner, cache outcome, upstream time;
--             Contracts/Usage/RoutingExplanation.cs), bounded by the router and again by quota before it is
--             written. Nullable (older routers send none), so adding it rewrites nothing.
--   usage_decision_bounded: the last line of defence on its size. NOT VALID: existing rows (all null) are not
--             scanned; every new row is checked.
ALTER TABLE usage_metrics ADD COLUMN decision JSONB;
ALTER TABLE usage_metrics ADD CONSTRAINT usage_decision_bounded CHECK (octet_length(decision::text) <= 16384) NOT VALID;
