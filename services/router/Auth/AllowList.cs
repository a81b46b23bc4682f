namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Turns a key's <c>allowed_models</c> into the routing engine's provider allow-list: an entry
/// <c>openai</c>, <c>openai/*</c> or <c>openai/gpt-4o</c> allows provider <c>openai</c> (model-level
/// narrowing is not enforced yet). Empty = every provider.
/// </summary>
internal static class AllowList
{
    public static IReadOnlySet<string>? Providers(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }
        var providers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var provider = (slash < 0 ? entry : entry[..slash]).Trim();
            if (provider.Length > 0)
            {
                providers.Add(provider);
            }
        }
        return providers;
    }
}
