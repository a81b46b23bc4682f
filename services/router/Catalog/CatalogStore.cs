using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Catalog;

/// <summary>
/// Holds the current <see cref="CatalogSnapshot"/>. Readers take <see cref="Current"/> without locks;
/// a refresh swaps the reference; a bad or empty reload keeps the last good snapshot.
/// </summary>
internal sealed partial class CatalogStore(ICompletionBackend backend, TimeProvider time, ILogger<CatalogStore> logger)
{
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private CatalogSnapshot _current = CatalogSnapshot.Empty;
    private bool _failing;

    public CatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Loads the catalog now when none has been loaded yet (first requests after start).</summary>
    public async ValueTask<CatalogSnapshot> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        var current = Current;
        if (!current.IsEmpty)
        {
            return current;
        }
        await RefreshAsync(cancellationToken);
        return Current;
    }

    /// <summary>Fetches and swaps; returns false (keeping the last good snapshot) on any failure.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var catalog = await backend.GetCatalogAsync(cancellationToken);
            var snapshot = CatalogSnapshot.Build(catalog, time.GetUtcNow(), out var rejected);
            foreach (var problem in rejected)
            {
                Log.EntryRejected(logger, problem);
            }
            if (snapshot.IsEmpty && !Current.IsEmpty)
            {
                Log.EmptyReloadIgnored(logger);
                return false;
            }
            if (snapshot.Version != Current.Version || snapshot.Models.Count != Current.Models.Count)
            {
                Log.Loaded(logger, snapshot.Models.Count, snapshot.Version);
            }
            Volatile.Write(ref _current, snapshot);
            _failing = false;
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            if (!_failing)
            {
                Log.RefreshFailed(logger, ex.GetType().Name, ex.Message);
            }
            _failing = true;
            return false;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Replaces the snapshot directly (tests and admin reloads).</summary>
    public void Swap(CatalogSnapshot snapshot) => Volatile.Write(ref _current, snapshot);

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Information, "Model catalog loaded: {Count} models, version '{Version}'")]
        public static partial void Loaded(ILogger logger, int count, string version);

        [LoggerMessage(1102, LogLevel.Warning, "Model catalog refresh failed ({Failure}: {Message}); keeping the last good catalog")]
        public static partial void RefreshFailed(ILogger logger, string failure, string message);

        [LoggerMessage(1103, LogLevel.Warning, "Catalog entry rejected: {Problem}")]
        public static partial void EntryRejected(ILogger logger, string problem);

        [LoggerMessage(1104, LogLevel.Warning, "Catalog reload was empty; keeping the last good catalog")]
        public static partial void EmptyReloadIgnored(ILogger logger);
    }
}
