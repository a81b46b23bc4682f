using Dapr.AiProvider.Quota;
using Dapr.AiProvider.Quota.Alerts;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Ingestion;
using Dapr.AiProvider.Quota.Keys;
using Dapr.AiProvider.Quota.Providers;
using Dapr.AiProvider.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(QuotaMetrics.MeterName);
builder.AddQuota();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAppApiToken();
app.UseStatusCodePages();

app.MapSubscribeHandler();
app.MapActorsHandlers();
app.MapUsageIngestion();
app.MapQuotaAlerts();
app.MapQuotaApi();
app.MapKeyApi();
app.MapProviderRegistryApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
