using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Adapters;

/// <summary>The models the adapters can reach right now (providers with credentials configured).</summary>
public sealed record ModelCatalog
{
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("models")] public IReadOnlyList<CatalogModel> Models { get; set; } = [];
    /// <summary>Models no longer routed to: past their retirement date, answered 410 Gone / "decommissioned", or
    /// missing from the provider's own model list. Listed so operators see why a model went away.</summary>
    [JsonPropertyName("retired")] public IReadOnlyList<RetiredModel> Retired { get; set; } = [];
}

/// <summary>A model the catalog no longer offers, and why.</summary>
public sealed record RetiredModel
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>When it was retired (the catalog date, or when the provider first said so).</summary>
    [JsonPropertyName("since")] public DateTimeOffset Since { get; set; }
    /// <summary><c>retirement_date</c>, <c>provider_gone</c> (410 / decommissioned error) or <c>not_listed</c> (missing from the provider's model list).</summary>
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
}

/// <summary>One provider/model pair with what the router needs to route to it.</summary>
public sealed record CatalogModel
{
    /// <summary>Gateway id, <c>{provider}/{model}</c>.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    /// <summary>Wire family: openai, anthropic, gemini, huggingface, tgi, github-models, copilot, openai-compatible.</summary>
    [JsonPropertyName("family")] public string Family { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>Names several providers may serve, e.g. <c>llama-3.1-8b</c>.</summary>
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; set; } = [];
    [JsonPropertyName("freeTier")] public bool FreeTier { get; set; }
    [JsonPropertyName("contextWindow")] public int ContextWindow { get; set; }
    [JsonPropertyName("maxOutputTokens")] public int MaxOutputTokens { get; set; }
    /// <summary>chat, stream, tools, vision, json, code, reasoning, long-context.</summary>
    [JsonPropertyName("capabilities")] public IReadOnlyList<string> Capabilities { get; set; } = [];
    [JsonPropertyName("price")] public ModelPrice Price { get; set; } = new();
    /// <summary>1–10; a rough quality rank for the "quality" strategy.</summary>
    [JsonPropertyName("quality")] public int Quality { get; set; } = 5;
    /// <summary>The day (UTC) from which the model, or its whole provider, is no longer served; null = none announced.</summary>
    [JsonPropertyName("retiresOn")] public DateOnly? RetiresOn { get; set; }
    /// <summary>The free tier's windows for this model (null = no free tier, or none published).</summary>
    [JsonPropertyName("freeWindows")] public FreeTierWindows? FreeWindows { get; set; }
}

/// <summary>
/// A free tier's published limits. Windows belong to the provider account (a Gemini project, an OpenRouter
/// account), shared by every gateway key that uses it: <see cref="Scope"/> says whether each model has its own
/// windows or all the account's free models share one. The router reserves on
/// <c>provider:{id}:{model}</c> (scope model) or <c>provider:{id}</c> (scope account).
/// </summary>
public sealed record FreeTierWindows
{
    [JsonPropertyName("rpm")] public long? RequestsPerMinute { get; set; }
    [JsonPropertyName("rpd")] public long? RequestsPerDay { get; set; }
    [JsonPropertyName("tpm")] public long? TokensPerMinute { get; set; }
    [JsonPropertyName("tpd")] public long? TokensPerDay { get; set; }
    /// <summary>Free credits a month (Hugging Face), micro-dollars; spent credits come back when the month turns.</summary>
    [JsonPropertyName("monthlyCreditMicros")] public long? MonthlyCreditMicros { get; set; }
    /// <summary><c>model</c> (each model its own windows) or <c>account</c> (one set for all free models of the account).</summary>
    [JsonPropertyName("scope")] public string Scope { get; set; } = "model";
    /// <summary>IANA zone whose midnight starts the provider's day and month (Gemini: America/Los_Angeles; most: UTC).</summary>
    [JsonPropertyName("resetTimeZone")] public string ResetTimeZone { get; set; } = "UTC";
    /// <summary>Where the figures were published, and the day they were checked.</summary>
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("checkedOn")] public DateOnly? CheckedOn { get; set; }
}

/// <summary>Micro-dollars per one million tokens of each kind.</summary>
public sealed record ModelPrice
{
    [JsonPropertyName("inputPerMTokMicros")] public long InputPerMTokMicros { get; set; }
    [JsonPropertyName("cachedInputPerMTokMicros")] public long CachedInputPerMTokMicros { get; set; }
    [JsonPropertyName("cacheWritePerMTokMicros")] public long CacheWritePerMTokMicros { get; set; }
    [JsonPropertyName("outputPerMTokMicros")] public long OutputPerMTokMicros { get; set; }
}
