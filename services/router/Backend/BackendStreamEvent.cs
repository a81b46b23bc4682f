using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Backend;

public enum BackendStreamEventKind
{
    Chunk,
    Usage,
    Error,
    Done,
}

/// <summary>One event of an adapter stream (see <see cref="AdapterStreamEvents"/>).</summary>
public sealed record BackendStreamEvent(BackendStreamEventKind Kind)
{
    public ChatCompletionChunk? Chunk { get; init; }
    public AdapterUsageReport? Usage { get; init; }
    public AdapterError? Error { get; init; }

    public static readonly BackendStreamEvent DoneEvent = new(BackendStreamEventKind.Done);
    public static BackendStreamEvent ForChunk(ChatCompletionChunk chunk) => new(BackendStreamEventKind.Chunk) { Chunk = chunk };
    public static BackendStreamEvent ForUsage(AdapterUsageReport usage) => new(BackendStreamEventKind.Usage) { Usage = usage };
    public static BackendStreamEvent ForError(AdapterError error) => new(BackendStreamEventKind.Error) { Error = error };
}
