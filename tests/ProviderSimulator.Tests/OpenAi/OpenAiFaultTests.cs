using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.OpenAi;

/// <summary>Each fault on the OpenAI family: status, error type/code and headers.</summary>
[Trait("Category", "Process")]
public sealed class OpenAiFaultTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("rate_limited", 429, "requests", "rate_limit_exceeded")]
    [InlineData("quota_exhausted", 429, "insufficient_quota", "insufficient_quota")]
    [InlineData("overloaded", 503, "server_error", null)]
    [InlineData("key_invalid", 401, "invalid_request_error", "invalid_api_key")]
    [InlineData("billing", 402, "billing_not_active", "billing_not_active")]
    [InlineData("context_length", 400, "invalid_request_error", "context_length_exceeded")]
    [InlineData("model_not_found", 404, "invalid_request_error", "model_not_found")]
    [InlineData("server_error", 500, "server_error", null)]
    public async Task Fault_Directive_ReturnsOpenAiError(string fault, int status, string type, string? code)
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", $"x [[sim:fault={fault}]]"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RateLimited_ScriptedRetry_SendsRetryAfterAndResetDuration()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=rate_limited,retry=360]]"));

        Assert.Equal("360", response.Header("retry-after"));
        Assert.Equal("6m0s", response.Header("x-ratelimit-reset-requests"));
        Assert.Equal("0", response.Header("x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task RetryAfterHttpDate_SendsHttpDate()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=retry_after_http_date,retry=120]]"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var date = response.Headers.RetryAfter!.Date!.Value;
        Assert.InRange((date - DateTimeOffset.UtcNow).TotalSeconds, 100, 125);
    }

    [Fact]
    public async Task RetryAfterMs_SendsMillisecondsHeader()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=retry_after_ms,retry=1.5]]"));

        Assert.Equal("1500", response.Header("retry-after-ms"));
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Fact]
    public async Task ContentFilter_NonStream_FinishReasonContentFilter()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=content_filter]]"));
        var choice = (await response.JsonAsync()).GetProperty("choices")[0];

        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task StreamCut_Stream_EndsWithoutFinishOrDone()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "one two three four [[sim:fault=stream_cut]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, events.Count); // role chunk + two content chunks
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task StreamErrorBeforeContent_OpenAi_SendsErrorFrameAfterRoleChunk()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=stream_error_before_content]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, events.Count);
        Assert.Equal("server_error", events[1].Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task StreamErrorBeforeContent_OpenAiCompatible_SendsVllmStyleErrorFrame()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai-compatible/v1/chat/completions", Http.Chat("llama3.2", "x [[sim:fault=stream_error_before_content]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());
        var error = events[^1].Json.GetProperty("error");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("error", error.GetProperty("object").GetString());
        Assert.Equal(500, error.GetProperty("code").GetInt32());
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task ServerError_StillCarriesRateLimitHeaders()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=server_error]]"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotEmpty(response.Header("x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task UsageChoicesNull_OpenAiCompatibleStream_UsageChunkHasNullChoices()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai-compatible/v1/chat/completions", Http.Chat("llama3.2", "hi [[sim:fault=usage_choices_null]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, events[^2].Json.GetProperty("choices").ValueKind);
        Assert.True(events[^2].Json.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task OpenAiCompatible_WrongKey_ReturnsPlainUnauthorized()
    {
        using var client = sim.Bearer("wrong");
        using var response = await client.PostJsonAsync("/openai-compatible/v1/chat/completions", Http.Chat("llama3.2", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }
}
