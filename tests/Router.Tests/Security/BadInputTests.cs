using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>A corpus of bad inputs: each gets a clear 4xx (no stack trace) and the router keeps serving.</summary>
public class BadInputTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    public static TheoryData<string, string> Invalid() => new()
    {
        { "empty", "" },
        { "truncated", """{"messages":[{"role":"user","content":"hi""" },
        { "not json", "hello there" },
        { "top-level array", """[{"role":"user","content":"hi"}]""" },
        { "top-level null", "null" },
        { "messages is a string", """{"messages":"hi"}""" },
        { "max_tokens is a string", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":"ten"}""" },
        { "max_tokens overflows", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":1e999}""" },
        { "temperature is an object", """{"messages":[{"role":"user","content":"hi"}],"temperature":{}}""" },
        { "stream is a number", """{"messages":[{"role":"user","content":"hi"}],"stream":7}""" },
        { "deep nesting", """{"messages":[{"role":"user","content":""" + new string('[', 5000) + new string(']', 5000) + "}]}" },
        { "deep object nesting", "{\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3001) },
        { "huge body", $$"""{"messages":[{"role":"user","content":"{{new string('x', 200_000)}}"}]}""" },
        { "trailing garbage", Hello + "}}}" },
        { "comments", """{"messages":[/* hi */{"role":"user","content":"hi"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task ChatCompletions_InvalidBody_IsClear4xx_AndServiceKeepsServing(string name, string body)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var bad = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await bad.Content.ReadAsStringAsync();
        using var good = await client.PostAsync("/v1/chat/completions", new StringContent(Hello, Encoding.UTF8, "application/json"));

        Assert.True((int)bad.StatusCode is >= 400 and < 500, $"{name}: {(int)bad.StatusCode} {text}");
        Assert.Contains("\"error\"", text, StringComparison.Ordinal);
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
    public async Task LoneSurrogate_IsA4xx()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent("""{"messages":[{"role":"user","content":"\ud800"}]}""", Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
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
