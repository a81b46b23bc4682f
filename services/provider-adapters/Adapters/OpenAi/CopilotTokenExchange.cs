using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;

/// <summary>
/// GitHub Copilot — best effort, not a public contract, off unless an account with family <c>copilot</c>
/// is configured. The account's secret is a GitHub OAuth/App token (<c>gho_</c>/<c>ghu_</c>/<c>github_pat_</c>);
/// it is exchanged at <c>TokenExchangeUrl</c> (default <c>https://api.github.com/copilot_internal/v2/token</c>)
/// for a short-lived Copilot token (<c>{"token","expires_at"}</c>), cached until a minute before it expires,
/// and the chat call carries editor-identity headers.
/// </summary>
internal sealed class CopilotTokenExchange(TimeProvider time)
{
    public static readonly Uri DefaultExchangeUri = new("https://api.github.com/copilot_internal/v2/token");

    public static readonly IReadOnlyList<KeyValuePair<string, string>> EditorHeaders =
    [
        new("Editor-Version", "vscode/1.99.0"),
        new("Editor-Plugin-Version", "copilot-chat/0.26.0"),
        new("Copilot-Integration-Id", "vscode-chat"),
        new("User-Agent", "GitHubCopilotChat/0.26.0"),
    ];

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>A Copilot token for <paramref name="githubToken"/>, or null when the exchange is refused.</summary>
    public async ValueTask<string?> GetTokenAsync(HttpClient http, Uri exchangeUri, string githubToken, CancellationToken cancellationToken)
    {
        var cacheKey = exchangeUri.AbsoluteUri + "\n" + githubToken;
        if (_tokens.TryGetValue(cacheKey, out var cached) && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, exchangeUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("token", githubToken);
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (name, value) in EditorHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            _tokens.TryRemove(cacheKey, out _);
            return null;
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var exchanged = await JsonSerializer.DeserializeAsync(body, CopilotJsonContext.Default.CopilotToken, cancellationToken);
        if (exchanged is null || string.IsNullOrEmpty(exchanged.Token))
        {
            return null;
        }
        var expires = exchanged.ExpiresAt > 0 ? DateTimeOffset.FromUnixTimeSeconds(exchanged.ExpiresAt) : time.GetUtcNow().AddMinutes(25);
        _tokens[cacheKey] = new CachedToken(exchanged.Token, expires.AddMinutes(-1));
        return exchanged.Token;
    }

    public void Forget(Uri exchangeUri, string githubToken) => _tokens.TryRemove(exchangeUri.AbsoluteUri + "\n" + githubToken, out _);

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);
}

internal sealed record CopilotToken
{
    [JsonPropertyName("token")] public string Token { get; init; } = "";
    [JsonPropertyName("expires_at")] public long ExpiresAt { get; init; }
}

[JsonSerializable(typeof(CopilotToken))]
internal sealed partial class CopilotJsonContext : JsonSerializerContext;
