using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>One provider account: where it is, how it authenticates, which models it serves.</summary>
public sealed class ProviderAccountOptions
{
    /// <summary>Provider id used by the router and the catalog, e.g. <c>openai</c>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]*$")]
    public string Id { get; set; } = "";

    /// <summary>Wire family: openai, huggingface, github-models, openai-compatible, copilot, anthropic, gemini, tgi.</summary>
    [Required]
    public string Family { get; set; } = "";

    /// <summary>Base URL of the real provider (ignored in simulator mode).</summary>
    [Required]
    public string BaseUrl { get; set; } = "";

    /// <summary>Path of this family on the simulator, e.g. <c>/openai/v1</c>.</summary>
    public string? SimulatorPath { get; set; }

    /// <summary>Key name in the Dapr secret store <c>secretstore</c>; empty = no key needed.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>Only served when the simulator is configured (local endpoints that a real deployment configures itself).</summary>
    public bool SimulatorOnly { get; set; }

    /// <summary>Off by default for best-effort integrations (GitHub Copilot).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Extra request headers (no secrets here: keys come from the secret store).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>GitHub Copilot only: the token-exchange URL.</summary>
    public string? TokenExchangeUrl { get; set; }

    [Required, MinLength(1), ValidateEnumeratedItems]
    public List<ModelOptions> Models { get; set; } = [];
}
