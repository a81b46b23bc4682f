namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// How to start one sidecar: app id, optional app port, extra daprd flags / env, extra resource files
/// (file name → YAML, written next to the default statestore/pubsub/secretstore components) and an optional
/// Configuration (passed with <c>--config</c>).
/// </summary>
public sealed record SidecarSpec(string AppId)
{
    /// <summary>0 = no app (<c>--app-port</c> omitted).</summary>
    public int AppPort { get; init; }
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra files for the resources folder: file name → content (Components, Resiliency, Subscription …).</summary>
    public IReadOnlyDictionary<string, string> ExtraResources { get; init; } = new Dictionary<string, string>();
    /// <summary>Write the default statestore (actorStateStore), pubsub and secretstore components.</summary>
    public bool DefaultComponents { get; init; } = true;
    /// <summary>A full <c>kind: Configuration</c> YAML, written to config.yaml and passed as <c>--config</c>.</summary>
    public string? ConfigurationYaml { get; init; }
    /// <summary>Wait until <c>/v1.0/healthz/outbound</c> answers before returning from start.</summary>
    public bool WaitForOutbound { get; init; } = true;
    /// <summary>Fixed ports (e.g. to restart a sidecar on the same ports); null = a free port.</summary>
    public int? HttpPort { get; init; }
    public int? GrpcPort { get; init; }
}
