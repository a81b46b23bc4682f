-- Per-key rate limits (null = the router's default) for the router's API-key authentication.
ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER CHECK (requests_per_minute IS NULL OR requests_per_minute >= 0);
ALTER TABLE api_keys ADD COLUMN tokens_per_minute INTEGER CHECK (tokens_per_minute IS NULL OR tokens_per_minute >= 0);
