-- Issue 17.6: the seed's providers table becomes the provider registry.
--   config:     the provider's settings as the adapters read them (an account of providers.json, camelCase:
--               family, baseUrl, apiKeySecret — the secret's name, never a key —, models, freeWindows …).
--   origin:     'seed' (added from providers.json by the adapters) or 'admin' (written through the admin API).
--   revision:   from one sequence, taken anew by every write, deletes included: the registry's revision is the
--               highest, so a reader knows with one number whether anything changed.
--   deleted_at: a delete keeps the row as a tombstone, so providers.json never seeds a deleted provider back.
-- Nullable or defaulted, so adding them rewrites nothing; the seed's other columns stay (family, base_url,
-- enabled are kept in step with config).

CREATE SEQUENCE provider_registry_revision;

ALTER TABLE providers
    ADD COLUMN config     JSONB,
    ADD COLUMN origin     TEXT NOT NULL DEFAULT 'admin',
    ADD COLUMN revision   BIGINT NOT NULL DEFAULT nextval('provider_registry_revision'),
    ADD COLUMN deleted_at TIMESTAMPTZ;
