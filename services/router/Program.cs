using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Console;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Embeddings;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Health;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Switches;
using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.ServiceDefaults;

// Each Add*/Map* lives in the folder it names; docs/ARCHITECTURE.md maps every step of a request to its file.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(RouterMetrics.MeterName, addDaprClient: false);
builder.AddRouterConfiguration();
builder.AddGatewayAuth();
builder.Services
    .AddSingleton<RouterMetrics>()
    .AddOpenApi()
    .AddProviderAdapters(builder.Configuration)
    .AddQuotaActorCalls(builder.Configuration)
    .AddSidecarState()
    .AddRateLimiting()
    .AddProviderSwitches()
    .AddAdminApi(builder.Configuration)
    .AddConsole()
    .AddCatalog()
    .AddProviderRouting()
    .AddCircuits()
    .AddCooldowns()
    .AddProviderHealth()
    .AddFailover()
    .AddBudgets()
    .AddResponseCache()
    .AddUsagePublishing()
    .AddRequestPipeline()
    .AddEmbeddings(builder.Configuration);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseRequestLogScope();
app.UseGatewayErrorHandling();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapAiApi();
app.MapAdminApi();
app.MapConsole();
app.MapNotFoundFallback();
app.Run();

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
