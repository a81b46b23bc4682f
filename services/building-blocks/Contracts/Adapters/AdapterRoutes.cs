namespace Dapr.AiProvider.Contracts.Adapters;

/// <summary>
/// Methods the provider-adapters app serves to the router (through Dapr service invocation).
/// </summary>
public static class AdapterRoutes
{
    /// <summary>POST <see cref="AdapterChatRequest"/> → 200 <see cref="AdapterChatResult"/>,
    /// or <see cref="AdapterErrorStatus"/> with an <see cref="AdapterError"/> body.</summary>
    public const string Chat = "adapters/chat";

    /// <summary>POST <see cref="AdapterChatRequest"/> → 200 <c>text/event-stream</c> of
    /// <see cref="AdapterStreamEvents"/>, or <see cref="AdapterErrorStatus"/> with an
    /// <see cref="AdapterError"/> body when the provider failed before the stream began.</summary>
    public const string ChatStream = "adapters/chat/stream";

    /// <summary>POST <see cref="Contracts.Embeddings.AdapterEmbeddingRequest"/> → 200 <see cref="Contracts.Embeddings.AdapterEmbeddingResult"/>,
    /// or <see cref="AdapterErrorStatus"/> with an <see cref="AdapterError"/> body.</summary>
    public const string Embeddings = "adapters/embeddings";

    /// <summary>GET → <see cref="ModelCatalog"/>.</summary>
    public const string Catalog = "adapters/catalog";

    /// <summary>HTTP status for a classified provider failure (424 Failed Dependency): distinct from
    /// transport/5xx errors so Dapr resiliency never retries what the router fails over.</summary>
    public const int AdapterErrorStatus = 424;

    /// <summary>
    /// HTTP status (202) for a request provider-adapters did not send because its window lease had ended
    /// (<see cref="ErrorClass.WindowLeaseEnded"/>, with the same <see cref="AdapterError"/> body): nothing failed, and
    /// daprd counts every app status outside 200–399 toward the hop's circuit breaker, so a loaded box turning many
    /// requests back (the router leases again for each) must not open the breaker on provider-adapters.
    /// </summary>
    public const int NotSentStatus = 202;

    /// <summary>Response header carrying the <see cref="ErrorClass"/> of a 424 (or a <see cref="NotSentStatus"/>).</summary>
    public const string ErrorClassHeader = "x-adapter-error-class";
}

/// <summary>
/// SSE event names on <see cref="AdapterRoutes.ChatStream"/>. Each frame is
/// <c>event: NAME\ndata: JSON\n\n</c>. The stream ends with exactly one of
/// <see cref="Done"/> (after <see cref="Usage"/>) or <see cref="Error"/>; a stream that ends
/// with neither was cut and is a <see cref="ErrorClass.StreamInterrupted"/>.
/// </summary>
public static class AdapterStreamEvents
{
    /// <summary>data: an OpenAI <c>chat.completion.chunk</c> (choices with a delta).</summary>
    public const string Chunk = "chunk";
    /// <summary>data: <see cref="AdapterUsageReport"/>, once, after the last chunk.</summary>
    public const string Usage = "usage";
    /// <summary>data: <see cref="AdapterError"/>; the provider failed in-band.</summary>
    public const string Error = "error";
    /// <summary>data: <c>{}</c>; normal end.</summary>
    public const string Done = "done";
}
