using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>One event of an adapter stream (see <see cref="AdapterStreamEvents"/>). Closed: the four cases below.</summary>
internal abstract record BackendStreamEvent
{
    private BackendStreamEvent()
    {
    }

    public static readonly BackendStreamEvent DoneEvent = new Done();
    public static BackendStreamEvent ForChunk(ChatCompletionChunk chunk) => new Chunk(chunk);
    public static BackendStreamEvent ForUsage(AdapterUsageReport usage) => new Usage(usage);
    public static BackendStreamEvent ForError(AdapterError error) => new Error(error);

    /// <summary>A chat completion chunk, in OpenAI's shape.</summary>
    public sealed record Chunk(ChatCompletionChunk Value) : BackendStreamEvent
    {
        /// <summary>Carries text, a refusal or tool calls: from here on the router never switches provider.</summary>
        public bool HasContent
        {
            get
            {
                foreach (var choice in Value.Choices)
                {
                    if (choice.Delta.HasContent)
                    {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /// <summary>The provider's usage report with its exact cost.</summary>
    public sealed record Usage(AdapterUsageReport Report) : BackendStreamEvent;

    /// <summary>A classified failure; the stream ends after it.</summary>
    public sealed record Error(AdapterError Failure) : BackendStreamEvent;

    /// <summary>The normal end.</summary>
    public sealed record Done : BackendStreamEvent;
}
