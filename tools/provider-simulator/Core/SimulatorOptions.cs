using System.ComponentModel.DataAnnotations;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Simulator settings (configuration section <c>Simulator</c>, e.g. <c>--Simulator:ApiKey=k</c>).</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The key every provider family expects unless <see cref="Keys"/> overrides it.</summary>
    [Required]
    [MinLength(1)]
    public string ApiKey { get; set; } = "sim-key";

    /// <summary>Per-provider keys (provider name → key), e.g. <c>Simulator:Keys:anthropic</c>.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Default time to first token; a request may override it with <c>x-sim-ttft-ms</c>.</summary>
    [Range(0, 600_000)]
    public int TimeToFirstTokenMs { get; set; }

    /// <summary>Default generation speed; 0 = as fast as possible. Request header <c>x-sim-tps</c>.</summary>
    [Range(0, 1_000_000)]
    public double TokensPerSecond { get; set; }

    /// <summary>How long the <c>stall</c> fault holds a response after its headers.</summary>
    [Range(1, 86_400)]
    public int StallSeconds { get; set; } = 300;

    /// <summary>Speed of the <c>slow_drip</c> fault.</summary>
    [Range(0.01, 1000)]
    public double SlowDripTokensPerSecond { get; set; } = 2;

    /// <summary>How many content chunks <c>stream_cut</c> sends before the stream ends.</summary>
    [Range(0, 1000)]
    public int StreamCutAfterChunks { get; set; } = 2;

    /// <summary>Retry delay used by rate-limit faults that set none.</summary>
    [Range(0.001, 86_400 * 31)]
    public double DefaultRetryAfterSeconds { get; set; } = 20.223932614;

    [Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 10_000;

    [Range(1, int.MaxValue)]
    public int TokensPerMinute { get; set; } = 30_000_000;

    /// <summary>Free-tier windows and whether they are enforced (<c>Simulator:FreeTiers:Enforce</c>).</summary>
    public Limits.FreeTierOptions FreeTiers { get; set; } = new();

    public string KeyFor(string provider) =>
        Keys.TryGetValue(provider, out var key) && !string.IsNullOrEmpty(key) ? key : ApiKey;
}
