using System.Net;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// The HTTP Conversation API against daprd's behaviour: routes from dapr pkg/api/http/conversation.go, protojson in and
/// out as pkg/api/http/universal.go (camelCase, uint64 as strings), the flow and errors of pkg/api/universal/conversation.go
/// and pkg/messages/predefined.go, the upstream request as components-contrib conversation/langchaingokit/model.go sends it.
/// </summary>
[Trait("Category", "Process")]
public sealed class ConversationHttpTests(ConversationFixture fixture) : IClassFixture<ConversationFixture>
{
    [Fact]
    public async Task Alpha2_SystemAndUser_CallsChatCompletionsWithTheSecretKeyAndAnswersInProtoJson()
    {
        var marker = "hello " + Guid.NewGuid();
        var (status, json) = await PostAsync("v1.0-alpha2/conversation/llm/converse", $$$"""
            {"contextId":"ctx-1","temperature":0.5,"metadata":{"team":"qa"},
             "inputs":[{"messages":[{"ofSystem":{"content":[{"text":"Be brief."}]}},{"of_user":{"content":[{"text":"{{{marker}}}"}]}}]}],
             "unknownField":true}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var sent = Assert.Single(fixture.Upstream.With(marker));
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer s3cret", sent.Authorization);
        Assert.Equal(ConversationFixture.Model, sent.Body["model"]!.ToString());
        Assert.Equal(0.5, sent.Body["temperature"]!.GetValue<double>());
        Assert.Equal("qa", sent.Body["metadata"]!["team"]!.ToString());
        Assert.Equal("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + marker + "\"}]",
            sent.Body["messages"]!.ToJsonString());

        var root = json.RootElement;
        Assert.Equal("ctx-1", root.GetProperty("contextId").GetString());
        var output = Assert.Single(root.GetProperty("outputs").EnumerateArray());
        // The component's configured model, not the upstream's (langchaingokit LLM.Converse returns a.model).
        Assert.Equal(ConversationFixture.Model, output.GetProperty("model").GetString());
        var choice = Assert.Single(output.GetProperty("choices").EnumerateArray());
        Assert.Equal("stop", choice.GetProperty("finishReason").GetString());
        Assert.Equal("echo: " + marker, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.TryGetProperty("index", out _)); // index 0 is a zero value: protojson leaves it out
        var usage = output.GetProperty("usage");
        Assert.Equal("12", usage.GetProperty("promptTokens").GetString());
        Assert.Equal("5", usage.GetProperty("completionTokens").GetString());
        Assert.Equal("17", usage.GetProperty("totalTokens").GetString());
        Assert.Equal("2", usage.GetProperty("completionTokensDetails").GetProperty("reasoningTokens").GetString());
    }

    [Fact]
    public async Task Alpha1_Inputs_AnswersResultPerOutput()
    {
        var marker = "alpha1 " + Guid.NewGuid();
        var (status, json) = await PostAsync("v1.0-alpha1/conversation/llm/converse",
            $$"""{"inputs":[{"content":"{{marker}}","role":"user"}],"contextID":"c7"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("c7", json.RootElement.GetProperty("contextID").GetString());
        var output = Assert.Single(json.RootElement.GetProperty("outputs").EnumerateArray());
        Assert.Equal("echo: " + marker, output.GetProperty("result").GetString());
        var sent = Assert.Single(fixture.Upstream.With(marker));
        Assert.Null(sent.Body["temperature"]); // 0 is not sent (langchaingokit: only when > 0)
    }

    [Fact]
    public async Task Alpha2_ScrubPiiInProtoJson_ScrubsTheInputBeforeTheCall()
    {
        var marker = "scrubhttp " + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter));
        // protojson name of the input's scrub_pii: "scrubPii" (dapr/proto/runtime/v1/ai.proto).
        var (status, json) = await PostAsync("v1.0-alpha2/conversation/llm/converse", $$$"""
            {"inputs":[{"scrubPii":true,"messages":[{"ofUser":{"content":[{"text":"{{{marker}}} mail jane.doe@example.com"}]}}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(marker + " mail <EMAIL_ADDRESS>", Assert.Single(fixture.Upstream.With(marker)).LastText);
        var choice = Assert.Single(Assert.Single(json.RootElement.GetProperty("outputs").EnumerateArray()).GetProperty("choices").EnumerateArray());
        Assert.Equal("echo: " + marker + " mail <EMAIL_ADDRESS>", choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("v1.0-alpha2/conversation/nope/converse", """{"inputs":[{"messages":[{"ofUser":{"content":[{"text":"x"}]}}]}]}""",
        400, "ERR_CONVERSATION_NOT_FOUND", "failed finding conversation component nope")]
    [InlineData("v1.0-alpha2/conversation/llm/converse", """{"inputs":[]}""",
        400, "ERR_CONVERSATION_MISSING_INPUTS", "failed conversing with component llm: missing inputs in request")]
    [InlineData("v1.0-alpha2/conversation/llm/converse", """{"inputs":[{"messages":[{}]}]}""",
        400, "ERR_CONVERSATION_INVALID_PARMS", "failed conversing with component llm: invalid params: message type cannot be nil")]
    [InlineData("v1.0-alpha2/conversation/llm/converse", """{"toolChoice":"required","inputs":[{"messages":[{"ofUser":{"content":[{"text":"x"}]}}]}]}""",
        400, "ERR_CONVERSATION_INVALID_PARMS", "failed conversing with component llm: invalid params: tool choice must be 'auto', 'none', 'required', or a specific tool name matching the tools available to be used")]
    [InlineData("v1.0-alpha2/conversation/llm/converse", """{"inputs":[{"messages":[{"ofUser":{"content":[{"text":"fail-401"}]}}]}]}""",
        500, "ERR_CONVERSATION_INVOKE", "failed conversing with component llm: API returned unexpected status code: 401: Incorrect API key provided")]
    [InlineData("v1.0-alpha1/conversation/llm/converse", """{"inputs":[]}""",
        400, "ERR_CONVERSATION_MISSING_INPUTS", "failed conversing with component llm: missing inputs in request")]
    [InlineData("v1.0-alpha2/conversation/llm/converse", """{"inputs":[""",
        400, "ERR_MALFORMED_REQUEST", null)]
    public async Task BadRequest_AnswersDaprdErrorCodeAndStatus(string path, string body, int expectedStatus, string code, string? message)
    {
        var (status, json) = await PostAsync(path, body);

        Assert.Equal(expectedStatus, (int)status);
        Assert.Equal(code, json.RootElement.GetProperty("errorCode").GetString());
        if (message is not null)
        {
            Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task CacheTtl_IdenticalRequest_AnsweredWithoutCallingTheEndpointAgain()
    {
        var marker = "cache " + Guid.NewGuid();
        var body = $$$"""{"inputs":[{"messages":[{"ofUser":{"content":[{"text":"{{{marker}}}"}]}}]}]}""";

        var (first, firstJson) = await PostAsync("v1.0-alpha2/conversation/cached/converse", body);
        var (second, secondJson) = await PostAsync("v1.0-alpha2/conversation/cached/converse", body);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(firstJson.RootElement.GetRawText(), secondJson.RootElement.GetRawText());
        Assert.Single(fixture.Upstream.With(marker));
    }

    [Fact]
    public async Task Metadata_ListsTheConversationComponent()
    {
        using var response = await fixture.Http.GetAsync("v1.0/metadata");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Contains(json.RootElement.GetProperty("components").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "llm" && c.GetProperty("type").GetString() == "conversation.openai");
    }

    private async Task<(HttpStatusCode Status, JsonDocument Json)> PostAsync(string path, string body)
    {
        using var response = await fixture.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text));
    }
}
