namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Per task type of <c>/ai/process</c>: which route serves it and how long answers are cached.</summary>
internal sealed class TaskTypeOptions
{
    public string Route { get; set; } = "auto";

    /// <summary>Response-cache TTL for this task type; 0 disables caching for it.</summary>
    public int CacheTtlSeconds { get; set; } = 3600;

    /// <summary>
    /// Answers are cached even when the caller sends no temperature: deterministic tasks (classify, extract, …)
    /// whose agent callers rarely send one. An explicit temperature above 0, <c>Cache-Control: no-store</c> or
    /// <c>x-aiprovider-cache: bypass</c> still opts out.
    /// </summary>
    public bool CachedByDefault { get; set; }

    /// <summary>Capabilities this task needs (e.g. <c>code</c>).</summary>
    public List<string> RequiredCapabilities { get; set; } = [];
}
