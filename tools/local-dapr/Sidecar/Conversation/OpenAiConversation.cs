using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Dapr.Client.Autogen.Grpc.v1;
using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// The <c>conversation.openai</c> component (components-contrib <c>conversation/openai/openai.go</c> over
/// langchaingokit): POST <c>{endpoint}/chat/completions</c> with <c>Authorization: Bearer {key}</c>, one output per
/// choice, the component's configured model in the answer, usage from the upstream; with <c>cacheTTL</c> an identical
/// request is answered from memory until the TTL passes (langchaingo's in-memory cache).
/// </summary>
internal sealed class OpenAiConversation(OpenAiConversationSettings settings, HttpClient http, IResiliencyProvider? resiliency, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Expires, ConversationAnswer Answer)> _cache = new(StringComparer.Ordinal);

    public OpenAiConversationSettings Settings => settings;

    /// <summary>Calls the endpoint; a failure is a <see cref="ConversationInvokeException"/> with langchaingo's wording.</summary>
    public async Task<ConversationAnswer> ConverseAsync(ConversationCall call, CancellationToken cancellationToken)
    {
        var body = OpenAiChatRequest.Write(settings.Model, call);
        var cacheKey = settings.CacheTtl is null ? null : Convert.ToHexString(SHA256.HashData(body));
        if (cacheKey is not null && TryCached(cacheKey) is { } cached)
        {
            return cached;
        }
        var pipeline = resiliency?.ComponentOutbound(settings.Name) ?? ResiliencePipeline.Empty;
        var answer = await pipeline.ExecuteAsync(async token => await SendAsync(body, token), cancellationToken);
        if (cacheKey is not null)
        {
            Remember(cacheKey, answer);
        }
        return answer;
    }

    private async Task<ConversationAnswer> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint.AbsoluteUri.TrimEnd('/') + "/chat/completions")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ConversationInvokeException($"Post \"{request.RequestUri}\": {e.Message}");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // langchaingo openaiclient: "API returned unexpected status code: N" plus the error message when the body has one.
                var failure = $"API returned unexpected status code: {(int)response.StatusCode}";
                throw new ConversationInvokeException(ErrorMessage(text) is { } message ? $"{failure}: {message}" : failure);
            }
            try
            {
                return OpenAiChatAnswer.Read(text, settings.Model);
            }
            catch (JsonException e)
            {
                throw new ConversationInvokeException("failed to decode the chat completion: " + e.Message);
            }
        }
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private ConversationAnswer? TryCached(string key)
    {
        lock (_cache)
        {
            return _cache.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Answer : null;
        }
    }

    private void Remember(string key, ConversationAnswer answer)
    {
        var now = time.GetUtcNow();
        lock (_cache)
        {
            foreach (var expired in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _cache.Remove(expired);
            }
            _cache[key] = (now + settings.CacheTtl!.Value, answer);
        }
    }
}

/// <summary>A conversation component failed; daprd answers ERR_CONVERSATION_INVOKE with this message.</summary>
internal sealed class ConversationInvokeException(string message) : Exception(message);
