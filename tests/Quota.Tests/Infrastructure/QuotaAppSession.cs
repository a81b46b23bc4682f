using Dapr.AiProvider.TestInfrastructure;
using Dapr.AiProvider.Quota.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Quota.Tests.Infrastructure;

/// <summary>A fresh ledger database, the quota service in-process on it, and a client: one per test.</summary>
public sealed class QuotaAppSession : IAsyncDisposable
{
    private QuotaAppSession(PostgresDatabase database, QuotaAppFactory factory)
    {
        Database = database;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public PostgresDatabase Database { get; }
    public QuotaAppFactory Factory { get; }
    public HttpClient Client { get; }
    public string ConnectionString => Database.ConnectionString;

    public static async Task<QuotaAppSession> StartAsync(Action<IWebHostBuilder>? configure = null)
    {
        var database = await PostgresDatabase.CreateAsync();
        var session = new QuotaAppSession(database, new QuotaAppFactory(database.ConnectionString, configure));
        // Start-up applies the migrations in the background; tests begin once the schema is current.
        await session.Factory.Services.GetRequiredService<LedgerDatabase>().GetReadyAsync(CancellationToken.None);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
