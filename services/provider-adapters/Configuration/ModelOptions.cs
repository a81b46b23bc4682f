using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>One model of a provider account, as the catalog describes it.</summary>
internal sealed class ModelOptions
{
    /// <summary>The provider's model id (GitHub Models: <c>publisher/name</c>; HF router: <c>org/model[:provider]</c>).</summary>
    [Required]
    public string Model { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    public bool FreeTier { get; set; }

    [Range(1, 10_000_000)]
    public int ContextWindow { get; set; } = 8192;

    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>chat, stream, tools, vision, json, code, reasoning, long-context (empty = chat, stream).
    /// No default items here: the configuration binder appends to a list, it does not replace it.</summary>
    public List<string> Capabilities { get; set; } = [];

    [Range(1, 10)]
    public int Quality { get; set; } = 5;

    /// <summary>The day (UTC) the provider stops serving this model; from then on it is never routed to.</summary>
    public DateOnly? RetiresOn { get; set; }

    /// <summary>This model's own free-tier windows (overriding the account's, field by field).</summary>
    [ValidateObjectMembers]
    public FreeWindowOptions? FreeWindows { get; set; }

    /// <summary>The model's price when the provider registry gives one (a provider added at runtime); else the price
    /// table's (<c>prices.json</c>). The registry's seed copies the table's price here.</summary>
    public Contracts.Adapters.ModelPrice? Price { get; set; }
}
