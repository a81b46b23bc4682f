using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Api.Responses;

/// <summary>
/// A Responses API <c>response</c> object as it builds up: the non-streamed answer fills it at once, the stream
/// writer item by item. One writer for the JSON, so the object in <c>response.completed</c> and the plain answer are
/// the same shape. The request's settings are echoed as OpenAI does; <c>store</c> is always false (stateless).
/// </summary>
internal sealed class ResponseState(ResponsesRequest request, string completionId, long createdAt, string model)
{
    public string Id { get; } = "resp_" + Strip(completionId, "chatcmpl-");
    public long CreatedAt { get; } = createdAt;
    public string Model { get; set; } = model;
    /// <summary>in_progress → completed | incomplete (max_output_tokens).</summary>
    public string Status { get; set; } = "in_progress";
    public List<OutputItem> Output { get; } = [];
    public OpenAiUsage? Usage { get; set; }

    public static ResponseState FromCompletion(ResponsesRequest request, ChatCompletionResponse completion)
    {
        var state = new ResponseState(request, completion.Id, completion.Created, completion.Model) { Usage = completion.Usage };
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        if (choice?.Message.Content is { Length: > 0 } text)
        {
            var message = new OutputMessage("msg_" + Strip(completion.Id, "chatcmpl-"));
            message.Text.Append(text);
            state.Output.Add(message);
        }
        if (choice?.Message.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var f) ? f : default;
                var item = new OutputFunctionCall(call.Str("id") ?? "", function.Str("name") ?? "");
                item.Arguments.Append(function.Str("arguments") is { Length: > 0 } args ? args : "{}");
                state.Output.Add(item);
            }
        }
        state.Finish(choice?.FinishReason);
        return state;
    }

    /// <summary>Every item completes; a length stop makes the response incomplete, as OpenAI reports max_output_tokens.</summary>
    public void Finish(string? finishReason)
    {
        foreach (var item in Output)
        {
            item.Completed = true;
        }
        Status = finishReason == "length" ? "incomplete" : "completed";
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", CreatedAt);
        w.WriteString("status", Status);
        w.WriteNull("error");
        if (Status == "incomplete")
        {
            w.WritePropertyName("incomplete_details");
            w.WriteStartObject();
            w.WriteString("reason", "max_output_tokens");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }
        WriteStringOrNull(w, "instructions", request.Instructions);
        WriteNumberOrNull(w, "max_output_tokens", request.MaxOutputTokens);
        w.WriteString("model", Model);
        w.WriteStartArray("output");
        foreach (var item in Output)
        {
            item.Write(w);
        }
        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        w.WriteNull("previous_response_id");
        w.WriteBoolean("store", false);
        WriteNumberOrNull(w, "temperature", request.Temperature);
        w.WritePropertyName("text");
        w.WriteStartObject();
        w.WritePropertyName("format");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("tool_choice");
        if (request.ToolChoice is { ValueKind: not JsonValueKind.Null } choice)
        {
            choice.WriteTo(w);
        }
        else
        {
            w.WriteStringValue("auto");
        }
        w.WritePropertyName("tools");
        if (request.Tools is { ValueKind: JsonValueKind.Array } tools)
        {
            tools.WriteTo(w);
        }
        else
        {
            w.WriteStartArray();
            w.WriteEndArray();
        }
        WriteNumberOrNull(w, "top_p", request.TopP);
        w.WriteString("truncation", "disabled");
        if (Usage is { } usage)
        {
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("input_tokens", usage.PromptTokens);
            w.WritePropertyName("input_tokens_details");
            w.WriteStartObject();
            w.WriteNumber("cached_tokens", usage.PromptTokensDetails?.CachedTokens ?? 0);
            w.WriteEndObject();
            w.WriteNumber("output_tokens", usage.CompletionTokens);
            w.WritePropertyName("output_tokens_details");
            w.WriteStartObject();
            w.WriteNumber("reasoning_tokens", usage.CompletionTokensDetails?.ReasoningTokens ?? 0);
            w.WriteEndObject();
            w.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usage");
        }
        WriteStringOrNull(w, "user", request.User);
        w.WritePropertyName("metadata");
        if (request.Metadata is { ValueKind: JsonValueKind.Object } metadata)
        {
            metadata.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static string Strip(string? id, string prefix) =>
        string.IsNullOrEmpty(id) ? "gateway" : id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id;

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

/// <summary>One item of a response's <c>output</c>: an assistant message or a function call. Closed.</summary>
internal abstract class OutputItem
{
    private protected OutputItem(string id) => Id = id;

    public string Id { get; }
    public bool Completed { get; set; }

    public abstract void Write(Utf8JsonWriter w);
}

internal sealed class OutputMessage(string id) : OutputItem(id)
{
    public StringBuilder Text { get; } = new();

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "message");
        w.WriteString("id", Id);
        w.WriteString("status", Completed ? "completed" : "in_progress");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (Completed)
        {
            WritePart(w, Text.ToString());
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

internal sealed class OutputFunctionCall(string callId, string name) : OutputItem("fc_" + ResponseState.Strip(callId, "call_"))
{
    public string CallId { get; } = callId;
    public string Name { get; } = name;
    public StringBuilder Arguments { get; } = new();

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "function_call");
        w.WriteString("id", Id);
        w.WriteString("call_id", CallId);
        w.WriteString("name", Name);
        w.WriteString("arguments", Completed && Arguments.Length == 0 ? "{}" : Arguments.ToString());
        w.WriteString("status", Completed ? "completed" : "in_progress");
        w.WriteEndObject();
    }
}
