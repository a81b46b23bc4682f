namespace Dapr.AiProvider.Client;

/// <summary>How to reach the gateway and which key and model to use.</summary>
public sealed class AiProviderChatClientOptions
{
    /// <summary>
    /// The gateway's base address for plain HTTP, e.g. <c>http://127.0.0.1:8080</c> (with or without
    /// <c>/v1</c>). Leave null to call the gateway by Dapr service invocation through the caller's own sidecar.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The gateway API key (<c>aip_…</c>), sent as <c>Authorization: Bearer</c>. Required.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// The model when a call's <c>ChatOptions.ModelId</c> is not set: a route (<c>auto</c>, <c>auto:code</c>,
    /// <c>free</c>), an alias or a concrete <c>provider/model</c>.
    /// </summary>
    public string Model { get; set; } = "auto";

    /// <summary>The gateway router's Dapr app id (Dapr service invocation only).</summary>
    public string RouterAppId { get; set; } = "router";

    /// <summary>
    /// The caller's sidecar HTTP endpoint (Dapr only). Null: the Dapr SDK's default, <c>DAPR_HTTP_ENDPOINT</c>
    /// or <c>http://127.0.0.1:{DAPR_HTTP_PORT}</c> (3500).
    /// </summary>
    public string? DaprHttpEndpoint { get; set; }

    /// <summary>The sidecar's API token, sent as <c>dapr-api-token</c> (Dapr only). Null: <c>DAPR_API_TOKEN</c> when set.</summary>
    public string? DaprApiToken { get; set; }

    /// <summary>
    /// How often the OpenAI SDK retries a 429 or 5xx itself (it honours <c>Retry-After</c>). Default 0: the
    /// gateway already fails over across providers, so a client retry mostly repeats a refusal.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>The network timeout of one request (the SDK default, 100 s, when null).</summary>
    public TimeSpan? NetworkTimeout { get; set; }
}
