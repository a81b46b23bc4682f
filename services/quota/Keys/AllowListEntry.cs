namespace Dapr.AiProvider.Quota.Keys;

/// <summary>
/// The shapes of an <c>allowedModels</c> entry the router reads (<c>services/router/Auth/AllowList.cs</c>):
/// <c>provider</c> or <c>provider/*</c> (every model of the provider) and <c>provider/model</c> (one catalog
/// id; the model part may hold further slashes, as <c>huggingface/meta-llama/Llama-3.1-8B-Instruct</c>).
/// Anything else is refused when the key is created: the router skips an entry it cannot read, and a
/// list of nothing but such entries would allow every model.
/// </summary>
internal static class AllowListEntry
{
    public const int MaxLength = 200;

    public static bool IsValid(string? entry)
    {
        if (string.IsNullOrEmpty(entry) || entry.Length > MaxLength)
        {
            return false;
        }

        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var provider = slash < 0 ? entry : entry[..slash];
        if (!IsProviderId(provider))
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        var model = entry[(slash + 1)..];
        return model == "*" || (model.Length > 0 && !model.StartsWith('/') && !model.EndsWith('/')
            && !model.Contains("//", StringComparison.Ordinal) && model.All(IsModelChar));
    }

    /// <summary>Provider ids are lower-case words: <c>openai</c>, <c>github-models</c>.</summary>
    private static bool IsProviderId(string provider) =>
        provider.Length > 0 && char.IsAsciiLetterOrDigit(provider[0])
        && provider.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Catalog model ids: letters, digits and <c>- _ . : / @</c>; never a space, control character or wildcard.</summary>
    private static bool IsModelChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@';
}
