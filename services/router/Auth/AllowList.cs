using System.Collections.Frozen;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// A key's <c>allowed_models</c>: <c>openai</c> or <c>openai/*</c> allows every model of provider
/// <c>openai</c>; <c>openai/gpt-4o-mini</c> allows that one model (the catalog's <c>{provider}/{model}</c>
/// id). Entries are case-insensitive. An empty list allows everything (<see cref="Parse"/> returns null).
/// Fails closed: an entry that is not one of these shapes (<c>"openai/ "</c>, <c>"*"</c>, <c>"openai/gpt-*"</c>)
/// allows nothing, so a list of nothing but such entries allows no model at all, never every model.
/// Quota refuses such entries when a key is created (<c>services/quota/Keys/AllowListEntry.cs</c>).
/// </summary>
internal sealed class AllowList
{
    private AllowList(FrozenSet<string> wholeProviders, FrozenSet<string> models, FrozenSet<string> providers)
    {
        WholeProviders = wholeProviders;
        Models = models;
        Providers = providers;
    }

    /// <summary>Providers every model of which is allowed.</summary>
    public FrozenSet<string> WholeProviders { get; }

    /// <summary>Single models allowed, as catalog ids.</summary>
    public FrozenSet<string> Models { get; }

    /// <summary>Every provider with at least one allowed model (what the provider switches narrow further).</summary>
    public FrozenSet<string> Providers { get; }

    /// <summary>True when the list names no single model, so a provider check says it all.</summary>
    public bool ProviderLevelOnly => Models.Count == 0;

    public bool Permits(string provider, string modelId) => WholeProviders.Contains(provider) || Models.Contains(modelId);

    public static AllowList? Parse(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }
        var whole = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var models = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in entries)
        {
            if (!TryRead(raw, out var provider, out var model))
            {
                continue; // unreadable: allows nothing
            }
            if (model == "*")
            {
                whole.Add(provider);
            }
            else
            {
                models.Add(provider + "/" + model);
            }
        }
        var providers = new HashSet<string>(whole, StringComparer.OrdinalIgnoreCase);
        providers.UnionWith(models.Select(m => m[..m.IndexOf('/', StringComparison.Ordinal)]));
        return new AllowList(whole.ToFrozenSet(StringComparer.OrdinalIgnoreCase), models.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            providers.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>True for <c>provider</c>, <c>provider/*</c> or <c>provider/model</c> (what the admin API accepts for a mesh app).</summary>
    public static bool IsValidEntry(string? entry) => entry is { Length: > 0 and <= 200 } && entry.Trim() == entry && TryRead(entry, out _, out _);

    private static bool TryRead(string? raw, out string provider, out string model)
    {
        var entry = (raw ?? "").Trim();
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        provider = (slash < 0 ? entry : entry[..slash]).Trim();
        model = slash < 0 ? "*" : entry[(slash + 1)..].Trim();
        return IsProviderId(provider) && (model == "*" || IsModelId(model));
    }

    /// <summary>Provider ids are words: <c>openai</c>, <c>github-models</c>.</summary>
    private static bool IsProviderId(string provider) =>
        provider.Length > 0 && char.IsAsciiLetterOrDigit(provider[0])
        && provider.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Catalog model ids: letters, digits and <c>- _ . : / @</c>, no empty segment; never a space or wildcard.</summary>
    private static bool IsModelId(string model) =>
        model.Length > 0 && !model.StartsWith('/') && !model.EndsWith('/') && !model.Contains("//", StringComparison.Ordinal)
        && model.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@');
}
