using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.State;

/// <summary>The HTTP state API as daprd answers it: save 204, get 200 + ETag or 204, 409 on stale etag, bulk, transaction.</summary>
[Trait("Category", "Process")]
public sealed class StateHttpTests(SidecarFixture fixture) : IClassFixture<SidecarFixture>
{
    private readonly HttpClient _http = fixture.Sidecar.CreateHttpClient();

    [Fact]
    public async Task PostState_ThenGet_Returns200WithBodyAndETag()
    {
        using var save = await _http.PostAsJsonAsync("v1.0/state/statestore", new[] { new { key = "http-1", value = new { name = "w", size = 2 } } });
        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);

        using var get = await _http.GetAsync("v1.0/state/statestore/http-1");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("1", get.Headers.ETag?.Tag.Trim('"') ?? get.Headers.GetValues("ETag").Single());
        var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, body.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task GetState_MissingKey_Returns204()
    {
        using var get = await _http.GetAsync("v1.0/state/statestore/http-missing");

        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
    }

    [Fact]
    public async Task PostState_StaleETag_Returns409ErrStateSave()
    {
        await _http.PostAsJsonAsync("v1.0/state/statestore", new[] { new { key = "http-etag", value = 1 } });
        await _http.PostAsJsonAsync("v1.0/state/statestore", new[] { new { key = "http-etag", value = 2 } });

        using var stale = await _http.PostAsJsonAsync("v1.0/state/statestore", new[] { new { key = "http-etag", value = 3, etag = "1" } });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ERR_STATE_SAVE", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task PostState_MalformedBody_Returns400()
    {
        using var response = await _http.PostAsync("v1.0/state/statestore", new StringContent("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_MALFORMED_REQUEST", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task PostBulk_ReturnsItemsWithInlineJsonData()
    {
        await _http.PostAsJsonAsync("v1.0/state/statestore", new[] { new { key = "hb-1", value = new { n = 1 } } });

        using var response = await _http.PostAsJsonAsync("v1.0/state/statestore/bulk", new { keys = new[] { "hb-1", "hb-none" } });

        var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, items[0].GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal("1", items[0].GetProperty("etag").GetString());
        Assert.False(items[1].TryGetProperty("data", out _));
    }

    [Fact]
    public async Task PostTransaction_UpsertsAndDeletes_ThenDeleteEndpointRemoves()
    {
        using var tx = await _http.PostAsJsonAsync("v1.0/state/statestore/transaction", new
        {
            operations = new object[]
            {
                new { operation = "upsert", request = new { key = "htx-a", value = "A" } },
                new { operation = "delete", request = new { key = "htx-b" } },
            },
        });
        Assert.Equal(HttpStatusCode.NoContent, tx.StatusCode);
        Assert.Equal("\"A\"", await _http.GetStringAsync("v1.0/state/statestore/htx-a"));

        using var delete = await _http.DeleteAsync("v1.0/state/statestore/htx-a");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.GetAsync("v1.0/state/statestore/htx-a")).StatusCode);
    }

    [Fact]
    public async Task GetState_UnknownStore_Returns400StoreNotFound()
    {
        using var response = await _http.GetAsync("v1.0/state/nostore/k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_STATE_STORE_NOT_FOUND", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task GetState_KeyWithDoublePipe_Returns400()
    {
        using var response = await _http.GetAsync("v1.0/state/statestore/a%7C%7Cb");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
