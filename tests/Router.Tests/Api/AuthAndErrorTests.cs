using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Tests.Api;

public class AuthAndErrorTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task ChatCompletions_NoKey_Is401InOpenAiShape()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task ProcessTask_WrongKey_Is401ProblemDetails()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", "wrong-key");

        using var response = await client.PostAsync("/ai/process", Json("""{"prompt":"hi"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatCompletions_XApiKeyHeader_IsAccepted()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", RouterFactory.Key);

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Is400InOpenAiShape()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user",}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-aiprovider-request-id"));
    }

    [Fact]
    public async Task ProcessTask_MalformedJson_Is400ProblemDetails()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/ai/process", Json("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("not valid JSON", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/nothing-here", "application/json")]
    [InlineData("/nothing-here", "application/problem+json")]
    public async Task UnknownRoute_Is404InThePathsDialect(string path, string mediaType)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Is413()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        var huge = $$"""{"messages":[{"role":"user","content":"{{new string('x', 70_000)}}"}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", Json(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Is404ModelNotFound()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"acme/none","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"taskType":"chat"}""")]
    [InlineData("""{"prompt":"hi","preference":"fastest-please"}""")]
    [InlineData("""{"prompt":"hi","taskType":"juggling"}""")]
    [InlineData("""{"prompt":"hi","temperature":5}""")]
    public async Task ProcessTask_SemanticallyInvalid_Is422(string json)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/ai/process", Json(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(factory.Backend.Calls);
    }

    [Theory]
    [InlineData("""{"messages":null}""")]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"messages":[{"role":null,"content":"hi"}]}""")]
    [InlineData("""{"messages":[null]}""")]
    [InlineData("""{"messages":[{"role":"user","content":42}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""")]
    public async Task ChatCompletions_SemanticallyInvalid_Is422InOpenAiShape(string json)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task HealthAndOpenApi_AreAnonymous()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/healthz");
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/v1/chat/completions", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
