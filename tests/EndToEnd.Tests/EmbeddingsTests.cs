using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;
using Npgsql;
using OpenAI;
using OpenAI.Embeddings;
using OpenAI.Models;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// <c>/v1/embeddings</c> and <c>/v1/models/{id}</c> against the running stack (router, provider-adapters, quota, their
/// sidecars, the simulator, Redis, PostgreSQL) with the official OpenAI .NET SDK and the <c>openai</c> npm package.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class EmbeddingsTests(GatewayStack stack)
{
    private const string Model = "openai/text-embedding-3-small";

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(stack.RouterUrl, "/v1") };

    [Fact]
    public async Task GenerateEmbeddings_OfficialSdk_VectorsPerInputAndUsage()
    {
        var client = new EmbeddingClient(Model, new ApiKeyCredential(GatewayStack.BootstrapKey), Options());
        var text = "Embed me " + Guid.NewGuid();

        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync([text, "and me"]);
        OpenAIEmbedding shortened = await client.GenerateEmbeddingAsync(text, new EmbeddingGenerationOptions { Dimensions = 256 });

        Assert.Equal(2, result.Count);
        Assert.Equal(1536, result[0].ToFloats().Length);
        Assert.Equal(1.0, Math.Sqrt(result[0].ToFloats().ToArray().Sum(v => (double)v * v)), 3);
        Assert.Equal(Model, result.Model);
        Assert.True(result.Usage.InputTokenCount > 0);
        Assert.Equal(256, shortened.ToFloats().Length);
    }

    [Fact]
    public async Task Embeddings_RawHttp_FloatThenBase64IsACacheHitAndTheLedgerHasOneEmbeddingsRow()
    {
        var input = "Ledger me " + Guid.NewGuid();

        using var first = await stack.Client.PostAsJsonAsync("/v1/embeddings", new { model = Model, input, encoding_format = "float" });
        using var second = await stack.Client.PostAsJsonAsync("/v1/embeddings", new { model = Model, input, encoding_format = "base64" });

        var body = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, body + "\n" + stack.LauncherOutput);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("MISS", Assert.Single(first.Headers.GetValues("x-aiprovider-cache")));
        Assert.Equal("HIT", Assert.Single(second.Headers.GetValues("x-aiprovider-cache")));
        using var floats = JsonDocument.Parse(body);
        using var base64 = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var vector = floats.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var bytes = Convert.FromBase64String(base64.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(vector, Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray());

        var requestId = Assert.Single(first.Headers.GetValues("x-aiprovider-request-id"));
        Assert.Equal(1, await Ledger.WaitForUsageRowsAsync(stack.Ledger.ConnectionString, requestId, TimeSpan.FromSeconds(30)));
        await using var dataSource = NpgsqlDataSource.Create(stack.Ledger.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT task_type, provider, model, input_tokens, cost_micros FROM usage_metrics WHERE request_id = $1");
        command.Parameters.AddWithValue(requestId);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(("embeddings", "openai", "text-embedding-3-small"), (row.GetString(0), row.GetString(1), row.GetString(2)));
        Assert.True(row.GetInt32(3) > 0);
        // $0.02 per million tokens, rounded up to the next micro-dollar.
        Assert.Equal((row.GetInt32(3) * 20_000L + 999_999) / 1_000_000, row.GetInt64(4));
    }

    [Fact]
    public async Task Embeddings_FreeRoute_AnswersFromAFreeModel()
    {
        using var response = await stack.Client.PostAsJsonAsync("/v1/embeddings", new { model = "free", input = "free " + Guid.NewGuid() });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("x-aiprovider-cost-usd")));
        using var json = JsonDocument.Parse(body);
        Assert.Contains(json.RootElement.GetProperty("model").GetString(),
            new[] { "gemini/gemini-embedding-001", "mistral/mistral-embed", "cloudflare/@cf/baai/bge-base-en-v1.5", "huggingface/BAAI/bge-base-en-v1.5" });
    }

    [Fact]
    public async Task Embeddings_OpenAiNpmPackage_DefaultBase64FloatAndDimensions()
    {
        var clientDir = Path.Combine(RepoPaths.Root, "tests", "EndToEnd.Tests", "node-client");
        Assert.True(Directory.Exists(Path.Combine(clientDir, "node_modules", "openai")),
            "the openai npm package is not installed; ./test.sh runs 'npm ci' in " + clientDir);

        await using var node = TestProcess.Start("node-embeddings", "node",
            ["embeddings.mjs", new Uri(stack.RouterUrl, "/v1").ToString(), GatewayStack.BootstrapKey, Model], workingDirectory: clientDir);
        var output = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException(output);
        using var result = JsonDocument.Parse(line);
        var root = result.RootElement;
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        Assert.Equal(Model, root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("promptTokens").GetInt32() > 0, line);
        Assert.Equal(1536, root.GetProperty("length").GetInt32());
        Assert.Equal(1536, root.GetProperty("floatLength").GetInt32());
        Assert.True(root.GetProperty("sameVector").GetBoolean(), line);
        Assert.Equal(1, root.GetProperty("secondIndex").GetInt32());
        Assert.Equal(64, root.GetProperty("shortenedLength").GetInt32());
    }

    [Fact]
    public async Task GetModel_OfficialSdk_IdWithASlashAndAnUnknownId()
    {
        var models = new OpenAIModelClient(new ApiKeyCredential(GatewayStack.BootstrapKey), Options());

        OpenAIModel model = await models.GetModelAsync(Model);
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelAsync("nobody/no-such-model"));

        Assert.Equal(Model, model.Id);
        Assert.Equal("openai", model.OwnedBy);
        Assert.Equal(404, missing.Status);
        Assert.Contains("model_not_found", missing.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }
}
