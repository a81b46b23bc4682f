namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Per task type of <c>/ai/process</c>: which route serves it and how long answers are cached.</summary>
public sealed class TaskTypeOptions
{
    public string Route { get; set; } = "auto";

    /// <summary>Response-cache TTL for this task type; 0 disables caching for it.</summary>
    public int CacheTtlSeconds { get; set; } = 3600;

    /// <summary>Capabilities this task needs (e.g. <c>code</c>).</summary>
    public List<string> RequiredCapabilities { get; set; } = [];
}
