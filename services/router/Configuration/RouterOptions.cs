using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Configuration section <c>Router</c>. Validated at start; every error is listed.</summary>
internal sealed class RouterOptions
{
    public const string Section = "Router";

    /// <summary>The bootstrap admin key (also read from <c>AIPROVIDER_BOOTSTRAP_KEY</c>).</summary>
    public string? BootstrapKey { get; set; }

    [Range(1, 20)] public int MaxAttempts { get; set; } = 4;

    /// <summary>Total time budget for one request across all attempts.</summary>
    [Range(1, 3600)] public int TotalDeadlineSeconds { get; set; } = 120;

    /// <summary>
    /// How long one request keeps trying to reach provider-adapters when the hop itself fails (a sidecar or the
    /// adapters restarting), within <see cref="TotalDeadlineSeconds"/>. 0 = answer 503 at once.
    /// </summary>
    [Range(0, 3600)] public int HopRetrySeconds { get; set; } = 30;

    /// <summary>
    /// The <c>timeout</c> of the router's sidecar's circuit breaker on the hop to provider-adapters (<c>adapterBreaker</c>
    /// in <c>components/resiliency.yaml</c> and <c>k8s/base/dapr/resiliency.yaml</c>; keep them equal): the
    /// <c>Retry-After</c> of the 503 a request gets when that breaker is open, as daprd half-opens it then.
    /// </summary>
    [Range(1, 3600)] public int HopBreakerTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// First pause before the same candidate (or hop) is tried again; it doubles, with jitter, up to
    /// <see cref="MaxRetryBackoffMilliseconds"/>. 0 = no pause.
    /// </summary>
    [Range(0, 60_000)] public int RetryBackoffMilliseconds { get; set; } = 100;

    [Range(1, 60_000)] public int MaxRetryBackoffMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// How long a stream whose caller hung up is read on for the provider's usage report, so the caller is charged what
    /// the provider produced after the cut as well (docs/accounting.md). 0 = stop reading at the hang-up.
    /// </summary>
    [Range(0, 600)] public int HangUpDrainSeconds { get; set; } = 30;

    /// <summary>Output characters read on after a hang-up at most; past them the stream is dropped and the output seen charged.</summary>
    [Range(0, 16 * 1024 * 1024)] public int HangUpDrainMaxOutputChars { get; set; } = 256 * 1024;

    /// <summary>Largest accepted request body.</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Output tokens assumed for cost estimates when the request sets no cap.</summary>
    [Range(1, 1_000_000)] public int DefaultMaxTokensEstimate { get; set; } = 1024;

    /// <summary>Route used when the model field is empty and no task type says otherwise.</summary>
    [Required] public string DefaultRoute { get; set; } = "auto";

    /// <summary>Task type assumed by <c>/v1/chat/completions</c>.</summary>
    [Required] public string DefaultTaskType { get; set; } = "chat";

    /// <summary>Per-provider weights for the weighted strategy (missing = 1).</summary>
    public Dictionary<string, double> ProviderWeights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, RouteOptions> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, TaskTypeOptions> TaskTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [ValidateObjectMembers] public CircuitOptions Circuit { get; set; } = new();

    [ValidateObjectMembers] public CacheOptions Cache { get; set; } = new();

    [ValidateObjectMembers] public UsageOptions Usage { get; set; } = new();

    [ValidateObjectMembers] public BudgetOptions Budget { get; set; } = new();

    public FreeWindowOptions FreeWindows { get; set; } = new();

    [ValidateObjectMembers] public CatalogOptions Catalog { get; set; } = new();

    [ValidateObjectMembers] public RequestLimitOptions Limits { get; set; } = new();
}
