using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>Builders for adapter stream scripts.</summary>
internal static class StreamEvents
{
    public static BackendStreamEvent Role() => Chunk(new ChunkDelta { Role = "assistant" }, null);

    public static BackendStreamEvent Content(string text) => Chunk(new ChunkDelta { Content = text }, null);

    public static BackendStreamEvent Finish() => Chunk(new ChunkDelta(), "stop");

    public static BackendStreamEvent Usage() => BackendStreamEvent.ForUsage(new AdapterUsageReport
    {
        CostMicros = 7, Tokens = new TokenUsage { InputTokens = 3, OutputTokens = 4 },
    });

    public static BackendStreamEvent Error(ErrorClass errorClass) =>
        BackendStreamEvent.ForError(new AdapterError { Class = errorClass, Message = "scripted in-band " + errorClass });

    /// <summary>A complete, healthy stream of the given text pieces.</summary>
    public static IReadOnlyList<BackendStreamEvent> Text(AdapterChatRequest? request, params string[] pieces)
    {
        var events = new List<BackendStreamEvent> { Role() };
        events.AddRange(pieces.Select(Content));
        events.Add(Finish());
        events.Add(Usage());
        events.Add(BackendStreamEvent.DoneEvent);
        return events;
    }

    private static BackendStreamEvent Chunk(ChunkDelta delta, string? finish) => BackendStreamEvent.ForChunk(new ChatCompletionChunk
    {
        Id = "chatcmpl-stream",
        Created = 1_700_000_000,
        Model = "m",
        Choices = [new ChunkChoice { Delta = delta, FinishReason = finish }],
    });
}
