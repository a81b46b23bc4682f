using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.Router.Tests.Routing;

public class CatalogStoreTests
{
    private sealed class FlakyBackend : ICompletionBackend
    {
        public Func<ModelCatalog> Next { get; set; } = TestCatalog.Default;

        public Task<ModelCatalog> GetCatalogAsync(CancellationToken cancellationToken) => Task.FromResult(Next());
        public Task<AttemptOutcome<AdapterChatResult>> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AttemptOutcome<IBackendStream>> OpenStreamAsync(AdapterChatRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Refresh_FailureOrEmptyReload_KeepsTheLastGoodSnapshot()
    {
        var backend = new FlakyBackend();
        var store = new CatalogStore(backend, TimeProvider.System, NullLogger<CatalogStore>.Instance);
        Assert.True(await store.RefreshAsync(default));
        var good = store.Current;

        backend.Next = () => throw new HttpRequestException("adapters down");
        Assert.False(await store.RefreshAsync(default));
        backend.Next = () => new ModelCatalog { Version = "broken" };
        Assert.False(await store.RefreshAsync(default));

        Assert.Same(good, store.Current);
        Assert.Equal(4, store.Current.Models.Count);
    }

    [Fact]
    public void Build_InvalidEntries_AreDroppedWithReasons()
    {
        var catalog = new ModelCatalog
        {
            Models =
            [
                TestCatalog.Model("openai", "gpt-4o"),
                TestCatalog.Model("openai", "gpt-4o"),
                TestCatalog.Model("", "nameless") with { Id = "x" },
            ],
        };

        var snapshot = CatalogSnapshot.Build(catalog, DateTimeOffset.UtcNow, out var rejected);

        Assert.Single(snapshot.Models);
        Assert.Equal(2, rejected.Count);
    }
}
