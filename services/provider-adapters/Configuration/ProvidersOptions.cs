using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>
/// The provider accounts this service can call (section <c>Providers</c>; defaults in
/// <c>providers.json</c>). With <see cref="SimulatorUrl"/> set (env <c>AIPROVIDER_SIMULATOR_URL</c>)
/// every account points at the provider simulator and uses <see cref="SimulatorKey"/>.
/// </summary>
internal sealed class ProvidersOptions
{
    public const string Section = "Providers";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Required, MinLength(1), ValidateEnumeratedItems]
    public List<ProviderAccountOptions> Accounts { get; set; } = [];

    /// <summary>Base URL of the provider simulator; empty = real providers.</summary>
    public string? SimulatorUrl { get; set; }

    public string SimulatorKey { get; set; } = "sim-key";

    /// <summary>Longest silence tolerated between two stream frames before the stream counts as stalled.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for the provider's response headers (non-stream: the whole body). Below the 300 s Dapr
    /// timeout of the router→adapters hop, so a slow provider is reported as a classified timeout.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(240);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Transport retries (connect errors, before any byte was sent) per call.</summary>
    [Range(0, 3)]
    public int TransportRetries { get; set; } = 1;

    /// <summary>How long a missing secret is remembered before the secret store is asked again.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MissingKeyRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a provider without recent successful traffic is probed (a model listing); zero disables.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Free-window overrides by <c>{provider}</c> (account windows) or <c>{provider}/{model}</c> (a model's).</summary>
    public Dictionary<string, FreeWindowOptions> FreeWindowOverrides { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often each provider's own model list is read to drop models it no longer has; zero disables.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ModelListRefreshInterval { get; set; } = TimeSpan.FromHours(6);

    public bool SimulatorMode => !string.IsNullOrWhiteSpace(SimulatorUrl);
}
