using Npgsql;

namespace Dapr.AiProvider.Quota.Data;

/// <summary>
/// Opens ledger connections once the schema is current: the first caller applies the migrations,
/// every later one goes straight to the pool. A failure (PostgreSQL down) is retried by the next caller.
/// </summary>
internal sealed class LedgerDatabase(LedgerDataSource source, LedgerMigrator migrator)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile NpgsqlDataSource? _ready;

    public bool IsReady => _ready is not null;

    public async ValueTask<NpgsqlDataSource> GetReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready is null)
            {
                var dataSource = await source.GetAsync(cancellationToken);
                await migrator.ApplyAsync(dataSource, cancellationToken);
                _ready = dataSource;
            }
            return _ready;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var dataSource = await GetReadyAsync(cancellationToken);
        return await dataSource.OpenConnectionAsync(cancellationToken);
    }
}
