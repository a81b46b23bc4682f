using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using OpenAI;
using OpenAI.Models;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary><c>GET /v1/models/{id}</c> with the official OpenAI .NET SDK, whose model ids here contain a slash.</summary>
public class ModelRetrieveTests
{
    private static OpenAIModelClient Client(RouterFactory factory) =>
        new(new ApiKeyCredential(RouterFactory.Key), new OpenAIClientOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(factory.CreateClient()),
        });

    [Theory]
    [InlineData("openai/gpt-4o", "openai")]
    [InlineData("gpt-4o-mini", "aiprovider")]
    [InlineData("auto", "aiprovider")]
    public async Task GetModel_EveryListedKind_ReturnsThatEntry(string id, string owner)
    {
        using var factory = new RouterFactory();

        OpenAIModel model = await Client(factory).GetModelAsync(id);

        Assert.Equal(id, model.Id);
        Assert.Equal(owner, model.OwnedBy);
    }

    [Fact]
    public async Task GetModel_EveryIdTheListNames_IsFound()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var list = JsonDocument.Parse(await client.GetStringAsync("/v1/models"));

        foreach (var entry in list.RootElement.GetProperty("data").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            using var encoded = await client.GetAsync("/v1/models/" + Uri.EscapeDataString(id));
            using var raw = await client.GetAsync("/v1/models/" + id);

            Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            using var body = JsonDocument.Parse(await encoded.Content.ReadAsStringAsync());
            Assert.Equal(id, body.RootElement.GetProperty("id").GetString());
            Assert.Equal("model", body.RootElement.GetProperty("object").GetString());
        }
    }

    [Fact]
    public async Task GetModel_UnknownId_Is404ModelNotFoundInOpenAiShape()
    {
        using var factory = new RouterFactory();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(factory).GetModelAsync("nope/not-a-model"));

        Assert.Equal(404, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        var detail = body.RootElement.GetProperty("error");
        Assert.Equal("model_not_found", detail.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", detail.GetProperty("type").GetString());
        Assert.Contains("nope/not-a-model", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModel_WithoutKey_Is401()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/v1/models/openai%2Fgpt-4o");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
