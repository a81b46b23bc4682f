using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.State;

/// <summary>
/// The one read-modify-write of a shared record (provider switches, mesh apps and cache purges all use it): ETag-guarded,
/// retried when another replica wrote in between, bounded when the store stays contended.
/// </summary>
public class SharedRecordTests
{
    private static string[]? Added(string[] current, string item) => current.Contains(item) ? null : [.. current, item];

    [Fact]
    public async Task ReadAsync_NeverWritten_IsTheEmptyRecord()
    {
        var record = new SharedRecord<string[]>(new InMemorySharedRecordStore<string[]>(), ["empty"]);

        Assert.Equal(["empty"], await record.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_FirstWrite_SavesTheChangeOfTheEmptyRecord()
    {
        var store = new InMemorySharedRecordStore<string[]>();
        var record = new SharedRecord<string[]>(store, []);

        var update = await record.UpdateAsync(current => Added(current, "a"), CancellationToken.None);

        Assert.Equal(["a"], Assert.IsType<SharedRecordUpdate<string[]>.Saved>(update).Value);
        Assert.Equal(["a"], (await store.GetAsync(CancellationToken.None)).Value!);
        Assert.Equal(1, store.Version);
    }

    [Fact]
    public async Task UpdateAsync_AnotherReplicaWroteBetweenReadAndSave_ReadsAgainAndKeepsBothChanges()
    {
        var store = new InMemorySharedRecordStore<string[]>();
        var record = new SharedRecord<string[]>(store, []);
        var interfered = false;
        store.AfterRead = () =>
        {
            if (!interfered)
            {
                interfered = true;
                store.Overwrite(["other"]);
            }
        };

        var update = await record.UpdateAsync(current => Added(current, "mine"), CancellationToken.None);

        Assert.Equal(["other", "mine"], Assert.IsType<SharedRecordUpdate<string[]>.Saved>(update).Value);
        Assert.Equal(["other", "mine"], (await store.GetAsync(CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task UpdateAsync_NothingToChange_WritesNothing()
    {
        var store = new InMemorySharedRecordStore<string[]>();
        store.Overwrite(["a"]);
        var record = new SharedRecord<string[]>(store, []);

        var update = await record.UpdateAsync(current => Added(current, "a"), CancellationToken.None);

        Assert.Equal(["a"], Assert.IsType<SharedRecordUpdate<string[]>.Unchanged>(update).Value);
        Assert.Equal(1, store.Version);
    }

    [Fact]
    public async Task UpdateAsync_StoreStaysContended_GivesUpAfterMaxAttempts()
    {
        var store = new InMemorySharedRecordStore<string[]>();
        var reads = 0;
        store.AfterRead = () =>
        {
            reads++;
            store.Overwrite([$"other-{reads}"]);
        };
        var record = new SharedRecord<string[]>(store, []);

        var update = await record.UpdateAsync(current => [.. current, "mine"], CancellationToken.None);

        Assert.IsType<SharedRecordUpdate<string[]>.Contended>(update);
        Assert.Equal(SharedRecord<string[]>.MaxAttempts, reads);
        Assert.DoesNotContain("mine", (await store.GetAsync(CancellationToken.None)).Value!);
    }
}
