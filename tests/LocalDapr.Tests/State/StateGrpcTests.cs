using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.State;

/// <summary>State over gRPC with the real DaprClient: round trip, ETags, bulk, transactions.</summary>
[Trait("Category", "Process")]
public sealed class StateGrpcTests(SidecarFixture fixture) : IClassFixture<SidecarFixture>
{
    private const string Store = DefaultResources.StateStore;
    private readonly DaprClient _client = fixture.Client;

    [Fact]
    public async Task SaveState_ThenGetState_ReturnsSameValue()
    {
        await _client.SaveStateAsync(Store, "round-trip", new Widget("bolt", 3));

        var value = await _client.GetStateAsync<Widget>(Store, "round-trip");

        Assert.Equal(new Widget("bolt", 3), value);
    }

    [Fact]
    public async Task GetState_MissingKey_ReturnsNull()
    {
        Assert.Null(await _client.GetStateAsync<Widget>(Store, "never-written"));
    }

    [Fact]
    public async Task SaveState_Twice_ETagCountsVersions()
    {
        await _client.SaveStateAsync(Store, "versions", new Widget("a", 1));
        await _client.SaveStateAsync(Store, "versions", new Widget("a", 2));

        var (value, etag) = await _client.GetStateAndETagAsync<Widget>(Store, "versions");

        Assert.Equal(2, value.Size);
        Assert.Equal("2", etag);
    }

    [Fact]
    public async Task TrySaveState_StaleETag_ReturnsFalseAndKeepsValue()
    {
        await _client.SaveStateAsync(Store, "conflict", new Widget("first", 1));
        var (_, etag) = await _client.GetStateAndETagAsync<Widget>(Store, "conflict");
        Assert.True(await _client.TrySaveStateAsync(Store, "conflict", new Widget("second", 2), etag));

        var saved = await _client.TrySaveStateAsync(Store, "conflict", new Widget("third", 3), etag);

        Assert.False(saved);
        Assert.Equal("second", (await _client.GetStateAsync<Widget>(Store, "conflict")).Name);
    }

    [Fact]
    public async Task TrySaveState_NonNumericETag_ThrowsDaprException()
    {
        await _client.SaveStateAsync(Store, "bad-etag", new Widget("x", 1));

        await Assert.ThrowsAsync<DaprException>(() => _client.TrySaveStateAsync(Store, "bad-etag", new Widget("y", 2), "not-a-number"));
    }

    [Fact]
    public async Task TrySaveState_ETagOnMissingKey_SucceedsLikeDaprd()
    {
        var saved = await _client.TrySaveStateAsync(Store, "fresh-with-etag", new Widget("new", 1), "7");

        Assert.True(saved);
        Assert.Equal("1", (await _client.GetStateAndETagAsync<Widget>(Store, "fresh-with-etag")).etag);
    }

    [Fact]
    public async Task TryDeleteState_StaleETag_ReturnsFalse_CurrentETag_Deletes()
    {
        await _client.SaveStateAsync(Store, "delete-me", new Widget("d", 1));
        await _client.SaveStateAsync(Store, "delete-me", new Widget("d", 2));

        Assert.False(await _client.TryDeleteStateAsync(Store, "delete-me", "1"));
        Assert.True(await _client.TryDeleteStateAsync(Store, "delete-me", "2"));
        Assert.Null(await _client.GetStateAsync<Widget>(Store, "delete-me"));
    }

    [Fact]
    public async Task GetBulkState_SeveralKeys_ReturnsValuesAndETags()
    {
        await _client.SaveStateAsync(Store, "bulk-1", new Widget("one", 1));
        await _client.SaveStateAsync(Store, "bulk-2", new Widget("two", 2));

        var items = await _client.GetBulkStateAsync<Widget>(Store, ["bulk-1", "bulk-2", "bulk-missing"], parallelism: 2);

        Assert.Equal(3, items.Count);
        Assert.Equal("one", items.Single(i => i.Key == "bulk-1").Value.Name);
        Assert.Equal("1", items.Single(i => i.Key == "bulk-2").ETag);
        Assert.Null(items.Single(i => i.Key == "bulk-missing").Value);
    }

    [Fact]
    public async Task ExecuteStateTransaction_UpsertAndDelete_AppliesBoth()
    {
        await _client.SaveStateAsync(Store, "tx-old", new Widget("old", 1));
        var ops = new List<StateTransactionRequest>
        {
            new("tx-new", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Widget("new", 5), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), StateOperationType.Upsert),
            new("tx-old", null, StateOperationType.Delete),
        };

        await _client.ExecuteStateTransactionAsync(Store, ops);

        Assert.Equal(5, (await _client.GetStateAsync<Widget>(Store, "tx-new")).Size);
        Assert.Null(await _client.GetStateAsync<Widget>(Store, "tx-old"));
    }

    [Fact]
    public async Task ExecuteStateTransaction_StaleETag_ThrowsDaprException()
    {
        await _client.SaveStateAsync(Store, "tx-etag", new Widget("v", 1));
        await _client.SaveStateAsync(Store, "tx-etag", new Widget("v", 2));
        var ops = new List<StateTransactionRequest> { new("tx-etag", [(byte)'1'], StateOperationType.Upsert, etag: "1") };

        await Assert.ThrowsAsync<DaprException>(() => _client.ExecuteStateTransactionAsync(Store, ops));
        Assert.Equal(2, (await _client.GetStateAsync<Widget>(Store, "tx-etag")).Size);
    }

    [Fact]
    public async Task SaveState_UnknownStore_ThrowsDaprException()
    {
        await Assert.ThrowsAsync<DaprException>(() => _client.SaveStateAsync("no-such-store", "k", new Widget("x", 1)));
    }
}
