using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// ConverseAlpha2 through the Dapr SDK's generated gRPC client (Dapr.Protos): message roles and tool calls mapped as
/// dapr pkg/api/universal/conversation.go maps them, errors with its gRPC codes (pkg/messages/predefined.go).
/// </summary>
[Trait("Category", "Process")]
public sealed class ConversationGrpcTests(ConversationFixture fixture) : IClassFixture<ConversationFixture>
{
    [Fact]
    public async Task ConverseAlpha2_HistoryWithToolCall_SendsOpenAiRolesAndReturnsTheToolCall()
    {
        var marker = "call-tool " + Guid.NewGuid();
        var request = new ConversationRequestAlpha2 { Name = ConversationFixture.Component };
        var input = new ConversationInputAlpha2();
        input.Messages.Add(Message(m => m.OfDeveloper = new ConversationMessageOfDeveloper { Content = { Text("Use tools.") } }));
        input.Messages.Add(Message(m => m.OfUser = new ConversationMessageOfUser { Content = { Text("Weather in Bergen?") } }));
        input.Messages.Add(Message(m => m.OfAssistant = new ConversationMessageOfAssistant
        {
            ToolCalls = { new ConversationToolCalls { Id = "call_1", Function = new ConversationToolCallsOfFunction { Name = "get_weather", Arguments = "{\"city\":\"Bergen\"}" } } },
        }));
        input.Messages.Add(Message(m => m.OfTool = new ConversationMessageOfTool { ToolId = "call_1", Name = "get_weather", Content = { Text("rain") } }));
        input.Messages.Add(Message(m => m.OfUser = new ConversationMessageOfUser { Content = { Text(marker) } }));
        request.Inputs.Add(input);
        request.Tools.Add(new ConversationTools
        {
            Function = new ConversationToolsFunction
            {
                Name = "get_weather",
                Description = "Weather by city",
                Parameters = Struct.Parser.ParseJson("""{"type":"object","properties":{"city":{"type":"string"}}}"""),
            },
        });

        var response = await fixture.Grpc.ConverseAlpha2Async(request);

        var sent = Assert.Single(fixture.Upstream.With(marker));
        Assert.Equal("""["user","user","assistant","tool","user"]""",
            new System.Text.Json.Nodes.JsonArray([.. sent.Body["messages"]!.AsArray().Select(m => m!["role"]!.DeepClone())]).ToJsonString());
        var assistant = sent.Body["messages"]![2]!;
        var sentCall = Assert.Single(assistant["tool_calls"]!.AsArray())!;
        Assert.Equal("call_1", sentCall["id"]!.ToString());
        Assert.Equal("function", sentCall["type"]!.ToString());
        Assert.Equal("get_weather", sentCall["function"]!["name"]!.ToString());
        Assert.Equal("{\"city\":\"Bergen\"}", sentCall["function"]!["arguments"]!.ToString());
        var tool = sent.Body["messages"]![3]!;
        Assert.Equal("call_1", tool["tool_call_id"]!.ToString());
        Assert.Equal("rain", tool["content"]!.ToString());
        // No tool choice with tools present means "auto" (universal/conversation.go).
        Assert.Equal("auto", sent.Body["tool_choice"]!.ToString());
        Assert.Equal("""{"type":"object","properties":{"city":{"type":"string"}}}""", sent.Body["tools"]![0]!["function"]!["parameters"]!.ToJsonString());

        var choice = Assert.Single(Assert.Single(response.Outputs).Choices);
        Assert.Equal("tool_calls", choice.FinishReason);
        var call = Assert.Single(choice.Message.ToolCalls);
        Assert.Equal("call_42", call.Id);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("{\"city\":\"Oslo\"}", call.Function.Arguments);
        Assert.Equal(17UL, response.Outputs[0].Usage.TotalTokens);
    }

    [Fact]
    public async Task ConverseAlpha2_RequiredToolAndEmptyAnswer_IsInternalError()
    {
        var request = new ConversationRequestAlpha2 { Name = ConversationFixture.Component, ToolChoice = "required" };
        request.Inputs.Add(new ConversationInputAlpha2 { Messages = { Message(m => m.OfUser = new ConversationMessageOfUser { Content = { Text("say-nothing " + Guid.NewGuid()) } }) } });
        request.Tools.Add(new ConversationTools { Function = new ConversationToolsFunction { Name = "noop" } });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Grpc.ConverseAlpha2Async(request));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("failed conversing with component llm: LLM returned empty response with no tool calls despite 1 tools being available", error.Status.Detail);
    }

    [Fact]
    public async Task ConverseAlpha2_UnknownToolChoice_IsInvalidArgument()
    {
        var request = new ConversationRequestAlpha2 { Name = ConversationFixture.Component, ToolChoice = "launch_rocket" };
        request.Inputs.Add(new ConversationInputAlpha2 { Messages = { Message(m => m.OfUser = new ConversationMessageOfUser { Content = { Text("x") } }) } });
        request.Tools.Add(new ConversationTools { Function = new ConversationToolsFunction { Name = "get_weather" } });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Grpc.ConverseAlpha2Async(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("failed conversing with component llm: invalid params: tool choice selected was not found", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConverseAlpha2_UnknownComponent_IsInvalidArgument()
    {
        var request = new ConversationRequestAlpha2 { Name = "missing" };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Grpc.ConverseAlpha2Async(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("failed finding conversation component missing", error.Status.Detail);
    }

    private static ConversationMessage Message(Action<ConversationMessage> set)
    {
        var message = new ConversationMessage();
        set(message);
        return message;
    }

    private static ConversationMessageContent Text(string text) => new() { Text = text };
}
