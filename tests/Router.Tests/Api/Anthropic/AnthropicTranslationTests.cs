using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Api.Anthropic;

namespace Dapr.AiProvider.Router.Tests.Api.Anthropic;

/// <summary>Anthropic Messages ⇄ the gateway's chat request and completion, both ways.</summary>
public class AnthropicTranslationTests
{
    private static AnthropicRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, DialectJsonContext.Default.AnthropicRequest)!;

    private static ChatCompletionRequest Translate(string json)
    {
        var (request, error) = AnthropicToChat.Translate(Parse(json));
        Assert.Null(error);
        return request!;
    }

    [Fact]
    public void Translate_SystemTextAndImage_BecomeSystemMessageAndParts()
    {
        var request = Translate("""
            {"model":"auto","max_tokens":100,"temperature":0.2,"stop_sequences":["END"],"metadata":{"user_id":"u-1"},
             "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in English."}],
             "messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
               {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0"}}]}]}
            """);

        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.\nAnswer in English.", request.Messages[0].Text());
        var parts = request.Messages[1].Content!.Value;
        Assert.Equal("What is this?", parts[0].GetProperty("text").GetString());
        Assert.Equal("data:image/png;base64,iVBORw0", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal(100, request.MaxTokens);
        Assert.Equal(0.2, request.Temperature);
        Assert.Equal("""["END"]""", request.Stop!.Value.GetRawText());
        Assert.Equal("u-1", request.User);
    }

    [Fact]
    public void Translate_ToolUseAndToolResult_BecomeToolCallsAndToolMessages()
    {
        var request = Translate("""
            {"model":"auto","max_tokens":50,
             "tools":[{"name":"get_time","description":"Time in a zone","input_schema":{"type":"object","properties":{"zone":{"type":"string"}}}}],
             "tool_choice":{"type":"tool","name":"get_time"},
             "messages":[
               {"role":"user","content":"Time in Berlin?"},
               {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_time","input":{"zone":"Europe/Berlin"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"12:00"}]},{"type":"text","text":"Thanks"}]}]}
            """);

        Assert.Equal(["user", "assistant", "tool", "user"], request.Messages.Select(m => m.Role));
        var call = request.Messages[1].ToolCalls!.Value[0];
        Assert.Equal("toolu_1", call.GetProperty("id").GetString());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"zone":"Europe/Berlin"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("Checking.", request.Messages[1].Text());
        Assert.Equal("toolu_1", request.Messages[2].ToolCallId);
        Assert.Equal("12:00", request.Messages[2].Text());
        var tool = request.Tools!.Value[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("object", tool.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("get_time", request.ToolChoice!.Value.GetProperty("function").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"type":"any"}""", "\"required\"")]
    [InlineData("""{"type":"auto"}""", "\"auto\"")]
    [InlineData("""{"type":"none"}""", "\"none\"")]
    public void Translate_ToolChoice_MapsToOpenAi(string anthropic, string openAi)
    {
        var request = Translate($$"""{"model":"auto","max_tokens":5,"tool_choice":{{anthropic}},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(openAi, request.ToolChoice!.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"auto","max_tokens":5,"messages":[]}""", "messages")]
    [InlineData("""{"model":"auto","max_tokens":5,"messages":[{"role":"tool","content":"hi"}]}""", "messages.0.role")]
    [InlineData("""{"model":"auto","max_tokens":5,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"hi"}]}""", "tools.0.type")]
    [InlineData("""{"model":"auto","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]}""", "messages.0.content.0.type")]
    public void Translate_InvalidRequest_Is400NamingTheField(string json, string param)
    {
        var (request, error) = AnthropicToChat.Translate(Parse(json));

        Assert.Null(request);
        Assert.Equal(400, error!.Status);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Translate_CountTokens_DoesNotNeedMaxTokens()
    {
        var (request, error) = AnthropicToChat.Translate(Parse("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}"""), countOnly: true);

        Assert.Null(error);
        Assert.Single(request!.Messages);
    }

    [Fact]
    public void Message_TextAndToolCalls_BecomeBlocksStopReasonAndUsage()
    {
        var completion = new ChatCompletionResponse
        {
            Id = "chatcmpl-1",
            Model = "groq/llama",
            Choices = [new ChatChoice
            {
                Message = new AssistantMessage
                {
                    Content = "Let me check.",
                    ToolCalls = JsonDocument.Parse("""[{"id":"call_1","type":"function","function":{"name":"get_time","arguments":""}}]""").RootElement,
                },
                FinishReason = "tool_calls",
            }],
            Usage = new OpenAiUsage { PromptTokens = 30, CompletionTokens = 7, TotalTokens = 37, PromptTokensDetails = new() { CachedTokens = 10 } },
        };

        var message = ChatToAnthropic.Message(completion);

        Assert.Equal("msg_chatcmpl-1", message.Id);
        Assert.Equal("groq/llama", message.Model);
        Assert.Equal(["text", "tool_use"], message.Content.Select(b => b.Type));
        Assert.Equal("Let me check.", message.Content[0].Text);
        Assert.Equal("call_1", message.Content[1].Id);
        Assert.Equal("{}", message.Content[1].Input!.Value.GetRawText());
        Assert.Equal("tool_use", message.StopReason);
        Assert.Equal(20, message.Usage.InputTokens);
        Assert.Equal(10, message.Usage.CacheReadInputTokens);
        Assert.Equal(7, message.Usage.OutputTokens);
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    public void StopReason_FromFinishReason(string finish, string stop) => Assert.Equal(stop, ChatToAnthropic.StopReason(finish));
}
