using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// What daprd hands a conversation component (components-contrib <c>conversation/converse.go</c>, <c>Request</c>):
/// the messages with their langchaingo roles, tools, tool choice, temperature, metadata, structured output and
/// prompt-cache retention. Both API versions are turned into this, so a component serves either.
/// </summary>
internal sealed record ConversationCall(
    IReadOnlyList<ConversationTurn> Messages,
    IReadOnlyList<ConversationToolsFunction> Tools,
    string? ToolChoice,
    double Temperature,
    IReadOnlyDictionary<string, string>? Metadata = null,
    Struct? ResponseFormat = null,
    TimeSpan? PromptCacheRetention = null);

/// <summary>One message: an OpenAI role (<c>user</c>, <c>system</c>, <c>assistant</c>, <c>tool</c>), its text parts, and tool data.</summary>
internal sealed record ConversationTurn(string Role, IReadOnlyList<string> Texts)
{
    /// <summary>Tool calls an assistant message made earlier in the conversation.</summary>
    public IReadOnlyList<ConversationToolCalls> ToolCalls { get; init; } = [];
    /// <summary>For a tool result: the call it answers and the tool's name.</summary>
    public string? ToolCallId { get; init; }
    public string? ToolName { get; init; }
}

/// <summary>What a component answers (components-contrib <c>conversation.Response</c>): one choice per output.</summary>
internal sealed record ConversationAnswer(
    string Model,
    IReadOnlyList<ConversationResultChoices> Choices,
    ConversationResultAlpha2CompletionUsage? Usage);
