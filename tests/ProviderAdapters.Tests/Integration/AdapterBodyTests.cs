using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>
/// The adapter protocol's bodies on the hop: answers go with Content-Length rather than chunked
/// (services/provider-adapters/Api/SizedJson.cs); a request that is not one is refused by minimal API's body binding as
/// ProblemDetails on every route.
/// </summary>
[Trait("Category", "Process")]
public sealed class AdapterBodyTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private static readonly string[] Routes = [AdapterRoutes.Chat, AdapterRoutes.ChatStream, AdapterRoutes.Embeddings];
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Chat_Answer_IsJsonWithContentLength()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hi"), stream: false);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked);
        var result = await AdapterCalls.ReadResultAsync(response);
        Assert.False(string.IsNullOrEmpty(result.Completion.Choices[0].Message.Content));
        Assert.Equal("openai", result.Usage.Provider);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task EveryRoute_MissingOrWrongBody_Is400ProblemDetails(string body)
    {
        using var client = _app.CreateClient();
        foreach (var route in Routes)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/" + route, content);
            await AssertProblemAsync(response, 400);
        }
    }

    [Fact]
    public async Task EveryRoute_BodyNotJson_Is415ProblemDetails()
    {
        using var client = _app.CreateClient();
        foreach (var route in Routes)
        {
            using var content = new StringContent("""{"provider":"openai"}""", Encoding.UTF8, "text/plain");
            using var response = await client.PostAsync("/" + route, content);
            await AssertProblemAsync(response, 415);
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
