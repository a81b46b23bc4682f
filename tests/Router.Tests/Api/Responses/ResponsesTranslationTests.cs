using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Api.Responses;

namespace Dapr.AiProvider.Router.Tests.Api.Responses;

/// <summary>OpenAI Responses ⇄ the gateway's chat request and completion, both ways.</summary>
public class ResponsesTranslationTests
{
    private static ResponsesRequest Parse(string json) => JsonSerializer.Deserialize(json, DialectJsonContext.Default.ResponsesRequest)!;

    private static ChatCompletionRequest Translate(string json)
    {
        var (request, error) = ResponsesToChat.Translate(Parse(json));
        Assert.Null(error);
        return request!;
    }

    [Fact]
    public void Translate_TextInputAndInstructions_BecomeSystemAndUserMessages()
    {
        var request = Translate("""{"model":"auto","instructions":"Be brief.","input":"Hello","max_output_tokens":64,"temperature":0.5}""");

        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.Messages[0].Text());
        Assert.Equal("Hello", request.Messages[1].Text());
        Assert.Equal(64, request.MaxTokens);
        Assert.Equal(0.5, request.Temperature);
    }

    [Fact]
    public void Translate_ItemsWithFunctionCallAndOutput_BecomeToolCallsAndToolMessages()
    {
        var request = Translate("""
            {"model":"auto","input":[
              {"role":"developer","content":"Use tools."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Time?"},{"type":"input_image","image_url":"https://x/i.png","detail":"low"}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"function_call","call_id":"call_1","name":"get_time","arguments":"{\"zone\":\"UTC\"}"},
              {"type":"function_call","call_id":"call_2","name":"get_date","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"12:00"}],
             "tools":[{"type":"function","name":"get_time","description":"Time","parameters":{"type":"object"},"strict":true}],
             "tool_choice":{"type":"function","name":"get_time"}}
            """);

        Assert.Equal(["system", "user", "assistant", "tool"], request.Messages.Select(m => m.Role));
        var parts = request.Messages[1].Content!.Value;
        Assert.Equal("https://x/i.png", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        var calls = request.Messages[2].ToolCalls!.Value;
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("call_1", calls[0].GetProperty("id").GetString());
        Assert.Equal("""{"zone":"UTC"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_1", request.Messages[3].ToolCallId);
        var function = request.Tools!.Value[0].GetProperty("function");
        Assert.Equal("get_time", function.GetProperty("name").GetString());
        Assert.True(function.GetProperty("strict").GetBoolean());
        Assert.Equal("get_time", request.ToolChoice!.Value.GetProperty("function").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"model":"auto","input":"hi","previous_response_id":"resp_1"}""", "previous_response_id", "unsupported_parameter")]
    [InlineData("""{"model":"auto","input":"hi","store":true}""", "store", "unsupported_parameter")]
    [InlineData("""{"input":"hi"}""", "model", "invalid_request")]
    [InlineData("""{"model":"auto"}""", "input", "invalid_request")]
    [InlineData("""{"model":"auto","input":"hi","tools":[{"type":"web_search"}]}""", "tools[0].type", "invalid_request")]
    [InlineData("""{"model":"auto","input":[{"type":"item_reference","id":"msg_1"}]}""", "input[0].type", "invalid_request")]
    public void Translate_Unsupported_Is400NamingTheParameter(string json, string param, string code)
    {
        var (request, error) = ResponsesToChat.Translate(Parse(json));

        Assert.Null(request);
        Assert.Equal(400, error!.Status);
        Assert.Equal(param, error.Param);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Translate_StoreFalse_IsAccepted()
    {
        Assert.Single(Translate("""{"model":"auto","input":"hi","store":false}""").Messages);
    }

    [Fact]
    public void FromCompletion_TextToolCallAndLength_WriteTheResponseObject()
    {
        var completion = new ChatCompletionResponse
        {
            Id = "chatcmpl-7",
            Created = 1_700_000_000,
            Model = "groq/llama",
            Choices = [new ChatChoice
            {
                Message = new AssistantMessage
                {
                    Content = "Partial",
                    ToolCalls = JsonDocument.Parse("""[{"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]""").RootElement,
                },
                FinishReason = "length",
            }],
            Usage = new OpenAiUsage { PromptTokens = 12, CompletionTokens = 3, TotalTokens = 15 },
        };

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ResponseState.FromCompletion(Parse("""{"model":"auto","input":"hi","max_output_tokens":3}"""), completion).Write(writer);
        }
        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        var root = json.RootElement;

        Assert.Equal("resp_7", root.GetProperty("id").GetString());
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", root.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("Partial", root.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("function_call", root.GetProperty("output")[1].GetProperty("type").GetString());
        Assert.Equal("{}", root.GetProperty("output")[1].GetProperty("arguments").GetString());
        Assert.Equal(15, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.False(root.GetProperty("store").GetBoolean());
    }
}
