using System.Net;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.EndToEnd.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class BadInputTests(GatewayStack stack)
{
    [Fact]
    public async Task ChatCompletions_NoKey_Returns401InOpenAiShape()
    {
        using var anonymous = new HttpClient { BaseAddress = stack.RouterUrl };
        using var response = await anonymous.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await ErrorMessageAsync(response)));
    }

    [Fact]
    public async Task ChatCompletions_MalformedJson_Returns400InOpenAiShape()
    {
        using var response = await stack.Client.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await ErrorMessageAsync(response);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AiProcess_MalformedJson_Returns400ProblemDetails()
    {
        using var response = await stack.Client.PostAsync("/ai/process", Json("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Returns404()
    {
        using var response = await stack.Client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "";
    }
}
