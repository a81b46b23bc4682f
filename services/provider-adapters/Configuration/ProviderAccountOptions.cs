using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>One provider account: where it is, how it authenticates, which models it serves.</summary>
internal sealed class ProviderAccountOptions
{
    /// <summary>Provider id used by the router and the catalog, e.g. <c>openai</c>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]*$")]
    public string Id { get; set; } = "";

    /// <summary>Wire family: openai, huggingface, github-models, openai-compatible, copilot, anthropic, gemini, tgi.</summary>
    [Required]
    public string Family { get; set; } = "";

    /// <summary>Base URL of the real provider (ignored in simulator mode); <c>%NAME%</c> is replaced by the environment
    /// variable NAME (Cloudflare: <c>%CLOUDFLARE_ACCOUNT_ID%</c>).</summary>
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

    /// <summary>Where this account's model list (and prices) were checked, and the day (documentation: kept beside the figures).</summary>
    public string? ModelsSource { get; set; }

    public DateOnly? ModelsCheckedOn { get; set; }

    /// <summary>The day (UTC) the whole provider stops serving (GitHub Models: 2026-07-30); never routed to from then.</summary>
    public DateOnly? RetiresOn { get; set; }

    /// <summary>Windows shared by every free model of this account (scope <c>account</c>), e.g. OpenRouter's 20 RPM / 50 RPD.</summary>
    [ValidateObjectMembers]
    public FreeWindowOptions? FreeWindows { get; set; }

    /// <summary>IANA time zone whose midnight starts the provider's day and month (Gemini: America/Los_Angeles).</summary>
    public string ResetTimeZone { get; set; } = "UTC";

    /// <summary>How this provider names its limit headers: <c>openai</c> (per minute), <c>groq</c> (requests per day,
    /// tokens per minute), <c>cerebras</c> (<c>*-requests-day</c> / <c>*-tokens-minute</c>), <c>none</c>.</summary>
    public string RateLimitHeaders { get; set; } = RateLimitDialects.OpenAi;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Required, MinLength(1), ValidateEnumeratedItems]
    public List<ModelOptions> Models { get; set; } = [];
}
