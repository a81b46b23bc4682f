using Dapr.AiProvider.ProviderAdapters.Api;
using Dapr.AiProvider.ProviderAdapters.Hosting;
using Dapr.AiProvider.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

// No Dapr.Client: the service calls its sidecar over plain HTTP (secret store, the registry in quota) and is
// published as Native AOT (docs/benchmarks-peer.md, "Session 11: provider-adapters as Native AOT").
builder.AddServiceDefaults(ProviderAdaptersExtensions.MeterName, addDaprClient: false);
builder.AddProviderAdapters();

var app = builder.Build();

app.UseAdapterErrorHandling();
app.UseAppApiToken();
app.UseStatusCodePages();
app.MapAdapterApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
