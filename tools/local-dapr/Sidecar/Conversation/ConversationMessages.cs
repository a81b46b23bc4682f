using Dapr.Client.Autogen.Grpc.v1;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// One alpha2 message → a turn, as universal/conversation.go maps the oneof: developer and user are langchaingo's
/// human (OpenAI <c>user</c>), system, assistant with its tool calls, tool with its tool id and name. With the input's
/// scrubPII every message's texts are scrubbed (tool call arguments are not), as daprd does.
/// </summary>
internal static class ConversationMessages
{
    public static ConversationTurn ToTurn(string component, ConversationMessage message, bool scrubPii) => message.MessageTypesCase switch
    {
        ConversationMessage.MessageTypesOneofCase.OfDeveloper => new("user", Texts(message.OfDeveloper.Content, scrubPii)),
        ConversationMessage.MessageTypesOneofCase.OfSystem => new("system", Texts(message.OfSystem.Content, scrubPii)),
        ConversationMessage.MessageTypesOneofCase.OfUser => new("user", Texts(message.OfUser.Content, scrubPii)),
        ConversationMessage.MessageTypesOneofCase.OfAssistant => Assistant(component, message.OfAssistant, scrubPii),
        ConversationMessage.MessageTypesOneofCase.OfTool => new("tool", Texts(message.OfTool.Content, scrubPii))
        {
            ToolCallId = message.OfTool.HasToolId ? message.OfTool.ToolId : "",
            ToolName = message.OfTool.Name,
        },
        ConversationMessage.MessageTypesOneofCase.None => throw ConversationErrors.InvalidParams(component, "message type cannot be nil"),
        _ => throw ConversationErrors.InvalidParams(component, "unsupported message type"),
    };

    private static ConversationTurn Assistant(string component, ConversationMessageOfAssistant assistant, bool scrubPii)
    {
        if (assistant.ToolCalls.Any(t => t.ToolTypesCase == ConversationToolCalls.ToolTypesOneofCase.None))
        {
            throw ConversationErrors.InvalidParams(component, "tool types cannot be nil");
        }
        return new("assistant", Texts(assistant.Content, scrubPii)) { ToolCalls = [.. assistant.ToolCalls] };
    }

    private static List<string> Texts(IEnumerable<ConversationMessageContent> content, bool scrubPii) =>
        content.Select(c => scrubPii ? PiiScrubber.Scrub(c.Text) : c.Text).ToList();
}
