using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>A corpus of bad inputs: each gets its exact 4xx and error code (no stack trace) and the router keeps serving.</summary>
public class BadInputTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>Each bad body with the exact status and OpenAI error code it gets.</summary>
    public static TheoryData<string, string, int, string> Invalid() => new()
    {
        { "empty", "", 400, "invalid_json" },
        { "truncated", """{"messages":[{"role":"user","content":"hi""", 400, "invalid_json" },
        { "not json", "hello there", 400, "invalid_json" },
        { "top-level array", """[{"role":"user","content":"hi"}]""", 400, "invalid_json" },
        { "top-level null", "null", 400, "invalid_json" },
        { "messages is a string", """{"messages":"hi"}""", 400, "invalid_json" },
        { "max_tokens is a string", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":"ten"}""", 400, "invalid_json" },
        { "max_tokens overflows", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":1e999}""", 400, "invalid_json" },
        { "temperature is an object", """{"messages":[{"role":"user","content":"hi"}],"temperature":{}}""", 400, "invalid_json" },
        { "stream is a number", """{"messages":[{"role":"user","content":"hi"}],"stream":7}""", 400, "invalid_json" },
        { "deep nesting", """{"messages":[{"role":"user","content":""" + new string('[', 5000) + new string(']', 5000) + "}]}", 400, "invalid_json" },
        { "deep object nesting", "{\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3001), 400, "invalid_json" },
        { "huge body", $$"""{"messages":[{"role":"user","content":"{{new string('x', 200_000)}}"}]}""", 413, "request_too_large" }, // RouterFactory sets Router:MaxRequestBytes to 64 KiB
        { "trailing garbage", Hello + "}}}", 400, "invalid_json" },
        { "comments", """{"messages":[/* hi */{"role":"user","content":"hi"}]}""", 400, "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task ChatCompletions_InvalidBody_IsItsExact4xx_AndServiceKeepsServing(string name, string body, int status, string code)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var bad = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await bad.Content.ReadAsStringAsync();
        using var good = await client.PostAsync("/v1/chat/completions", new StringContent(Hello, Encoding.UTF8, "application/json"));

        Assert.True(status == (int)bad.StatusCode, $"{name}: expected {status}, got {(int)bad.StatusCode} {text}");
        using (var error = System.Text.Json.JsonDocument.Parse(text))
        {
            Assert.Equal(code, error.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00 })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public async Task ProcessTask_InvalidUtf8_Is4xxProblem(byte[] body)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/ai/process", content);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("nul", "\\u0000")]
    [InlineData("bidi override", "\u202Eevil")]
    [InlineData("zero width", "a\u200Bb\uFEFF")]
    [InlineData("emoji and combining", "👩‍👩‍👧‍👦 é")]
    [InlineData("rtl", "مرحبا")]
    public async Task OddUnicode_IsNever5xx(string name, string content)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        var json = $$"""{"messages":[{"role":"user","content":"{{content}}"}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode}");
    }

    /// <summary>An escaped lone surrogate parses as JSON but is no text: a 422 naming the message, not a 500.</summary>
    [Fact]
    public async Task LoneSurrogate_Is422InvalidRequest()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent("""{"messages":[{"role":"user","content":"\ud800"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task HugeApiKeyHeader_Is401_NotACrash()
    {
        using var router = new SecureRouter();
        using var client = router.Client("aip_" + new string('a', 20_000));

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(Hello, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_CarriesSecurityHeaders_AndNoCorsByDefault()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(Hello, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);
        using var notFound = await client.GetAsync("/nothing");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", notFound.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
