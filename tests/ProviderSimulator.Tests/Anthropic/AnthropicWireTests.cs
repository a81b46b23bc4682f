using System.Globalization;
using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Anthropic;

/// <summary>Raw Messages API details: headers, validation, event order, faults.</summary>
[Trait("Category", "Process")]
public sealed class AnthropicWireTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string> Headers = new()
    {
        ["x-api-key"] = SimulatorFixture.Key,
        ["anthropic-version"] = "2023-06-01",
    };

    private static string Body(string text, bool stream = false) =>
        $$"""{"model":"claude-3-5-haiku-latest","max_tokens":200,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{System.Text.Json.JsonSerializer.Serialize(text)}}}]}""";

    private async Task<HttpResponseMessage> PostAsync(string body, Dictionary<string, string>? headers = null)
    {
        using var client = sim.CreateClient();
        return await client.PostJsonAsync("/anthropic/v1/messages", body, headers ?? Headers);
    }

    [Fact]
    public async Task Stream_Success_EmitsNamedEventsInOrder()
    {
        using var response = await PostAsync(Body("hello there", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());
        var names = events.Select(e => e.Event ?? "").Distinct().ToArray();

        Assert.Equal<string>(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], names);
        Assert.All(events, e => Assert.Equal(e.Event, e.Json.GetProperty("type").GetString()));
        Assert.Equal("end_turn", events[^2].Json.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Completion_Success_SendsRfc3339RateLimitResets()
    {
        using var response = await PostAsync(Body("hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reset = response.Header("anthropic-ratelimit-requests-reset");
        Assert.True(DateTimeOffset.TryParseExact(reset, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), reset);
        Assert.NotEmpty(response.Header("anthropic-ratelimit-input-tokens-remaining"));
        Assert.StartsWith("req_", response.Header("request-id"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", "max_tokens: Field required")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", "model: Field required")]
    [InlineData("""{"model":"m","max_tokens":5}""", "messages: Field required")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}""", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("not json", "We could not parse the JSON body of your request.")]
    public async Task Create_BadInput_Returns400InvalidRequestError(string body, string message)
    {
        using var response = await PostAsync(body);
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_MissingVersion_Returns400()
    {
        using var response = await PostAsync(Body("hi"), new Dictionary<string, string> { ["x-api-key"] = SimulatorFixture.Key });
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("anthropic-version: header is required", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_MissingKey_Returns401AuthenticationError()
    {
        using var response = await PostAsync(Body("hi"), new Dictionary<string, string> { ["anthropic-version"] = "2023-06-01" });
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("req_", json.GetProperty("request_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_Returns429WithRetryAfterAndReset()
    {
        using var response = await PostAsync(Body("x [[sim:fault=rate_limited,retry=30]]"));
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate_limit_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("30", response.Header("retry-after"));
        Assert.Equal("0", response.Header("anthropic-ratelimit-requests-remaining"));
    }

    [Fact]
    public async Task QuotaExhausted_Returns429SpendLimitWithoutRetryAfter()
    {
        using var response = await PostAsync(Body("x [[sim:fault=quota_exhausted]]"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("enforced_spend_limit_reached", error.GetProperty("details").GetProperty("error_code").GetString());
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Theory]
    [InlineData("overloaded", 529, "overloaded_error")]
    [InlineData("billing", 402, "billing_error")]
    [InlineData("context_length", 400, "invalid_request_error")]
    [InlineData("model_not_found", 404, "not_found_error")]
    [InlineData("server_error", 500, "api_error")]
    [InlineData("key_invalid", 401, "authentication_error")]
    public async Task Fault_Directive_ReturnsAnthropicError(string fault, int status, string type)
    {
        using var response = await PostAsync(Body($"x [[sim:fault={fault}]]"));
        var json = await response.JsonAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task StreamErrorBeforeContent_SendsErrorEventAfterMessageStart()
    {
        using var response = await PostAsync(Body("x [[sim:fault=stream_error_before_content]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message_start", events[0].Event);
        Assert.DoesNotContain(events, e => e.Event == "content_block_delta");
        Assert.Equal("error", events[^1].Event);
        Assert.Equal("overloaded_error", events[^1].Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task StreamCut_EndsWithoutMessageStop()
    {
        using var response = await PostAsync(Body("one two three four [[sim:fault=stream_cut]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(2, events.Count(e => e.Event == "content_block_delta"));
        Assert.DoesNotContain(events, e => e.Event is "message_stop" or "message_delta");
    }

    [Fact]
    public async Task ContentFilter_StopsWithRefusal()
    {
        using var response = await PostAsync(Body("x [[sim:fault=content_filter]]"));

        Assert.Equal("refusal", (await response.JsonAsync()).GetProperty("stop_reason").GetString());
    }
}
