using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Hosting;

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
        return new QuotaAppSession(database, new QuotaAppFactory(database.ConnectionString, configure));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
