using Dapr.Client.Autogen.Grpc.v1;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// ConverseAlpha1 and ConverseAlpha2 as daprd's universal API runs them (dapr <c>pkg/api/universal/conversation.go</c>):
/// the component first (ERR_CONVERSATION_NOT_FOUND), then inputs (ERR_CONVERSATION_MISSING_INPUTS), message and
/// tool-choice checks (ERR_CONVERSATION_INVALID_PARMS), the call (ERR_CONVERSATION_INVOKE), one output per choice.
/// Shared by the HTTP and gRPC APIs. PII scrubbing as daprd: an input's own flag scrubs that input's texts before the
/// call, the request's flag scrubs the answer's text (not tool call arguments), both with <see cref="PiiScrubber"/>.
/// </summary>
internal sealed class ConversationService(ConversationComponents components)
{
#pragma warning disable CS0612 // alpha1 messages are deprecated in the proto, still served by daprd
    public async Task<ConversationResponse> ConverseAlpha1Async(ConversationRequest request, CancellationToken cancellationToken)
    {
        var component = components.Find(request.Name) ?? throw ConversationErrors.NotFound(request.Name);
        if (request.Inputs.Count == 0)
        {
            throw ConversationErrors.MissingInputs(request.Name);
        }
        var turns = request.Inputs
            .Select(i => new ConversationTurn(Alpha1Role(request.Name, i.Role), [i.ScrubPII ? PiiScrubber.Scrub(i.Content) : i.Content]))
            .ToList();
        var answer = await CallAsync(component, new ConversationCall(turns, [], null, request.Temperature), cancellationToken);

        var response = new ConversationResponse();
        if (request.ContextID is { Length: > 0 } context)
        {
            response.ContextID = context;
        }
        foreach (var choice in answer.Choices)
        {
            var content = choice.Message.Content;
            var result = new ConversationResult { Result = request.ScrubPII ? PiiScrubber.Scrub(content) : content };
            result.Parameters.Add(request.Parameters);
            response.Outputs.Add(result);
        }
        return response;
    }
#pragma warning restore CS0612

    public async Task<ConversationResponseAlpha2> ConverseAlpha2Async(ConversationRequestAlpha2 request, CancellationToken cancellationToken)
    {
        var name = request.Name;
        var component = components.Find(name) ?? throw ConversationErrors.NotFound(name);
        if (request.Inputs.Count == 0)
        {
            throw ConversationErrors.MissingInputs(name);
        }
        var turns = request.Inputs.SelectMany(i => i.Messages.Select(m => ConversationMessages.ToTurn(name, m, i.ScrubPii))).ToList();
        var tools = request.Tools.Where(t => t.ToolTypesCase == ConversationTools.ToolTypesOneofCase.Function).Select(t => t.Function).ToList();
        var toolChoice = ToolChoice(name, request.HasToolChoice ? request.ToolChoice : "", tools);
        var call = new ConversationCall(turns, tools, toolChoice, request.Temperature,
            request.Metadata.Count == 0 ? null : new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
            request.ResponseFormat,
            request.PromptCacheRetention?.ToTimeSpan());
        var answer = await CallAsync(component, call, cancellationToken);
        // langchaingokit/model.go: a required tool call that produced nothing at all is an error, not an empty answer.
        if (toolChoice == "required" && answer.Choices.All(c => c.Message.Content.Length == 0 && c.Message.ToolCalls.Count == 0))
        {
            throw ConversationErrors.Invoke(name, $"LLM returned empty response with no tool calls despite {tools.Count} tools being available");
        }

        var response = new ConversationResponseAlpha2();
        if (request.HasContextId && request.ContextId.Length > 0)
        {
            response.ContextId = request.ContextId;
        }
        foreach (var choice in answer.Choices)
        {
            var output = new ConversationResultAlpha2 { Usage = answer.Usage };
            output.Choices.Add(request.ScrubPii ? Scrubbed(choice) : choice);
            if (answer.Model.Length > 0)
            {
                output.Model = answer.Model;
            }
            response.Outputs.Add(output);
        }
        return response;
    }

    private static async Task<ConversationAnswer> CallAsync(OpenAiConversation component, ConversationCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await component.ConverseAsync(call, cancellationToken);
        }
        catch (ConversationInvokeException e)
        {
            throw ConversationErrors.Invoke(component.Settings.Name, e.Message);
        }
    }

    /// <summary>universal/conversation.go: "auto" when tools are given without a choice; "required" needs tools; a name must be a tool's.</summary>
    private static string? ToolChoice(string name, string choice, IReadOnlyList<ConversationToolsFunction> tools)
    {
        if (choice.Length == 0 && tools.Count > 0)
        {
            choice = "auto";
        }
        switch (choice)
        {
            case "" or "auto" or "none":
                break;
            case "required" when tools.Count == 0:
                throw ConversationErrors.InvalidParams(name, "tool choice must be 'auto', 'none', 'required', or a specific tool name matching the tools available to be used");
            case "required":
                break;
            default:
                if (tools.Count > 0 && !tools.Any(t => t.Name == choice))
                {
                    throw ConversationErrors.InvalidParams(name, "tool choice selected was not found. Must be 'auto', 'none', 'required', or a specific tool name matching the tools available to be used");
                }
                break;
        }
        return choice.Length == 0 ? null : choice;
    }

    /// <summary>universal/conversation.go mapRoleToChatMessageType, then langchaingo's OpenAI role names; unknown roles are the user's.</summary>
    private static string Alpha1Role(string name, string role) => role switch
    {
        "system" => "system",
        "assistant" or "ai" => "assistant",
        "tool" => "tool",
        "function" => "function",
        // langchaingo's OpenAI client refuses the generic role ("role generic not supported").
        "generic" => throw ConversationErrors.Invoke(name, "role generic not supported"),
        _ => "user",
    };

    /// <summary>The request's scrubPII on an answer: its text only, a copy (the component may keep the answer in its cache).</summary>
    private static ConversationResultChoices Scrubbed(ConversationResultChoices choice)
    {
        var copy = choice.Clone();
        copy.Message.Content = PiiScrubber.Scrub(copy.Message.Content);
        return copy;
    }
}
