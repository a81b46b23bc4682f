using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dapr.AiProvider.Quota.Tests.Infrastructure;

/// <summary>The quota service in-process, its ledger on the given PostgreSQL database, no sidecar.</summary>
public sealed class QuotaAppFactory(string connectionString, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Ledger", connectionString);
        builder.UseSetting("Quota:Ingestion:FailureBackoff", "00:00:00.050");
        // No sidecar in these tests: point the Dapr client at a closed port.
        builder.UseSetting("DAPR_HTTP_ENDPOINT", $"http://127.0.0.1:{TestInfrastructure.FreePort.Next()}");
        builder.UseSetting("DAPR_GRPC_ENDPOINT", $"http://127.0.0.1:{TestInfrastructure.FreePort.Next()}");
        configure?.Invoke(builder);
    }
}
