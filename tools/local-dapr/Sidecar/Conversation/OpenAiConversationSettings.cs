using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// The metadata of a <c>conversation.openai</c> component, read as components-contrib reads it
/// (<c>conversation/metadata.go</c> LangchainMetadata, <c>conversation/openai/metadata.go</c>, <c>metadata.yaml</c>):
/// <c>key</c> (required), <c>model</c>, <c>endpoint</c>, <c>responseCacheTTL</c> alias <c>cacheTTL</c>,
/// <c>apiType</c>, <c>apiVersion</c>.
/// </summary>
internal sealed record OpenAiConversationSettings(string Name, string Key, string Model, Uri Endpoint, TimeSpan? CacheTtl)
{
    /// <summary>conversation/models.go: DefaultOpenAIModel, used when neither OPENAI_MODEL nor <c>model</c> is set.</summary>
    public const string DefaultModel = "gpt-5-nano";

    /// <summary>langchaingo's default base URL when <c>endpoint</c> is empty.</summary>
    public static readonly Uri OpenAiEndpoint = new("https://api.openai.com/v1");

    public static OpenAiConversationSettings Parse(ComponentSpec spec, Func<string, string?> environment)
    {
        Exception Error(string message) => ResourceLoader.Error(spec.SourceFile, $"component '{spec.Name}': {message}");

        var key = NonEmpty(spec.Get("key")) ?? throw Error("metadata 'key' is required (the API key, usually a secretKeyRef)");
        if (string.Equals(spec.Get("apiType"), "azure", StringComparison.OrdinalIgnoreCase))
        {
            throw Error("apiType 'azure' is not supported by the local runtime (use daprd)");
        }
        // conversation/models.go getModel: the environment variable wins over the metadata, then the default.
        var model = NonEmpty(environment("OPENAI_MODEL")) ?? NonEmpty(spec.Get("model")) ?? DefaultModel;
        var endpoint = OpenAiEndpoint;
        if (NonEmpty(spec.Get("endpoint")) is { } text
            && (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("http" or "https")))
        {
            throw Error($"metadata 'endpoint' '{text}' is not an http(s) URL");
        }
        TimeSpan? ttl = null;
        if (NonEmpty(spec.Get("responseCacheTTL") ?? spec.Get("cacheTTL")) is { } ttlText)
        {
            ttl = GoDuration.TryParse(ttlText, out var parsed) && parsed > TimeSpan.Zero
                ? parsed : throw Error($"metadata 'cacheTTL' '{ttlText}' is not a positive Go duration such as 10m");
        }
        return new OpenAiConversationSettings(spec.Name, key, model, endpoint, ttl);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
