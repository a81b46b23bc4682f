using Dapr.AiProvider.Contracts;
using Dapr.Client;
using Npgsql;

namespace Dapr.AiProvider.Quota.Data;

/// <summary>
/// The service's one <see cref="NpgsqlDataSource"/>. The connection string comes from configuration
/// <c>ConnectionStrings:Ledger</c>, or else from the Dapr secret store (<see cref="SecretName"/>),
/// resolved on first use so a slow sidecar never blocks start-up.
/// </summary>
internal sealed partial class LedgerDataSource(IConfiguration configuration, DaprClient dapr, ILogger<LedgerDataSource> logger)
    : IAsyncDisposable
{
    public const string ConnectionStringName = "Ledger";
    public const string SecretName = "ledger-connection-string";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlDataSource? _dataSource;

    public async ValueTask<NpgsqlDataSource> GetAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_dataSource is null)
            {
                var connectionString = await ResolveConnectionStringAsync(cancellationToken);
                var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "ledger" };
                _dataSource = builder.Build();
            }
            return _dataSource;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> ResolveConnectionStringAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Log.UsingConfiguredConnection(logger);
            return configured;
        }
        var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, SecretName, cancellationToken: cancellationToken);
        var value = secret.TryGetValue(SecretName, out var named) ? named : secret.Values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"No ledger connection string: set ConnectionStrings:{ConnectionStringName} or secret '{SecretName}' in '{DaprNames.SecretStore}'.");
        }
        Log.UsingSecretConnection(logger, SecretName);
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        _gate.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ledger connection string taken from configuration")]
        public static partial void UsingConfiguredConnection(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Ledger connection string taken from secret {SecretName}")]
        public static partial void UsingSecretConnection(ILogger logger, string secretName);
    }
}
