using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// ConverseAlpha1 and ConverseAlpha2 through the Dapr SDK's generated gRPC client (Dapr.Protos): message roles and tool
/// calls mapped as dapr pkg/api/universal/conversation.go maps them, scrubPII where it applies it (an input's flag on
/// that input's texts, the request's on the answer), errors with its gRPC codes (pkg/messages/predefined.go).
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

#pragma warning disable CS0612 // the alpha1 messages are deprecated in the proto; daprd still serves them
    [Fact]
    public async Task ConverseAlpha1_Inputs_SendsRolesAndTemperatureAndAnswersWithParameters()
    {
        var marker = "alpha1 " + Letters();
        var request = new ConversationRequest { Name = ConversationFixture.Component, ContextID = "ctx-a1", Temperature = 0.25 };
        request.Inputs.Add(new ConversationInput { Role = "system", Content = "Be brief." });
        request.Inputs.Add(new ConversationInput { Role = "user", Content = marker });
        request.Parameters.Add("echo", Any.Pack(new StringValue { Value = "back" }));

        var response = await fixture.Grpc.ConverseAlpha1Async(request);

        var sent = Assert.Single(fixture.Upstream.With(marker));
        Assert.Equal("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + marker + "\"}]",
            sent.Body["messages"]!.ToJsonString());
        Assert.Equal(0.25, sent.Body["temperature"]!.GetValue<double>());
        Assert.Equal("ctx-a1", response.ContextID);
        var output = Assert.Single(response.Outputs);
        Assert.Equal("echo: " + marker, output.Result);
        // universal/conversation.go ConverseAlpha1 hands the request's parameters back on every output.
        Assert.Equal("back", output.Parameters["echo"].Unpack<StringValue>().Value);
    }

    [Fact]
    public async Task ConverseAlpha1_ScrubPII_OnTheInputScrubsWhatIsSent()
    {
        var marker = "scrub-in " + Letters();
        var request = new ConversationRequest { Name = ConversationFixture.Component };
        request.Inputs.Add(new ConversationInput { Role = "user", Content = marker + " mail jane.doe@example.com", ScrubPII = true });

        var response = await fixture.Grpc.ConverseAlpha1Async(request);

        Assert.Equal(marker + " mail <EMAIL_ADDRESS>", Assert.Single(fixture.Upstream.With(marker)).LastText);
        Assert.Equal("echo: " + marker + " mail <EMAIL_ADDRESS>", Assert.Single(response.Outputs).Result);
    }

    [Fact]
    public async Task ConverseAlpha1_ScrubPII_OnTheRequestScrubsOnlyTheAnswer()
    {
        var marker = "scrub-out " + Letters();
        var request = new ConversationRequest { Name = ConversationFixture.Component, ScrubPII = true };
        request.Inputs.Add(new ConversationInput { Role = "user", Content = marker + " from 10.0.0.1" });

        var response = await fixture.Grpc.ConverseAlpha1Async(request);

        Assert.Equal(marker + " from 10.0.0.1", Assert.Single(fixture.Upstream.With(marker)).LastText);
        Assert.Equal("echo: " + marker + " from <IP>", Assert.Single(response.Outputs).Result);
    }
#pragma warning restore CS0612

    [Fact]
    public async Task ConverseAlpha2_ScrubPii_PerInputOnItsMessagesAndPerRequestOnTheAnswer()
    {
        var marker = "scrubtwo " + Letters();
        var request = new ConversationRequestAlpha2 { Name = ConversationFixture.Component, ScrubPii = true };
        request.Inputs.Add(new ConversationInputAlpha2
        {
            ScrubPii = true,
            Messages =
            {
                Message(m => m.OfSystem = new ConversationMessageOfSystem { Content = { Text("Admin: ops@example.com") } }),
                Message(m => m.OfAssistant = new ConversationMessageOfAssistant { Content = { Text("Noted +919140520809.") } }),
            },
        });
        // Not flagged: its own text goes out as written; the request's flag still scrubs the answer.
        request.Inputs.Add(new ConversationInputAlpha2 { Messages = { Message(m => m.OfUser = new ConversationMessageOfUser { Content = { Text(marker + " at 10.0.0.1") } }) } });

        var response = await fixture.Grpc.ConverseAlpha2Async(request);

        var sent = Assert.Single(fixture.Upstream.With(marker));
        var messages = sent.Body["messages"]!.AsArray();
        Assert.Equal("Admin: <EMAIL_ADDRESS>", messages[0]!["content"]!.ToString());
        Assert.Equal("Noted <PHONE_NUMBER>.", messages[1]!["content"]!.ToString());
        Assert.Equal(marker + " at 10.0.0.1", messages[2]!["content"]!.ToString());
        var choice = Assert.Single(Assert.Single(response.Outputs).Choices);
        Assert.Equal("echo: " + marker + " at <IP>", choice.Message.Content);
    }

    /// <summary>A marker with no digits, so the scrubber never takes part of it for a number.</summary>
    private static string Letters() => string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    private static ConversationMessage Message(Action<ConversationMessage> set)
    {
        var message = new ConversationMessage();
        set(message);
        return message;
    }

    private static ConversationMessageContent Text(string text) => new() { Text = text };
}
