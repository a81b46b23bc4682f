namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>Reads <c>Authorization: Bearer …</c>.</summary>
internal static class BearerAuth
{
    /// <summary>The bearer token, or null when the header is missing or not a bearer.</summary>
    public static string? Token(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
    }

    /// <summary>A key with its middle hidden, the way providers echo it in errors (<c>sk-ab***yz</c>).</summary>
    public static string Mask(string key) => key.Length <= 8 ? "***" : key[..4] + "*".PadRight(key.Length - 8, '*') + key[^4..];
}
