using Dapr.AiProvider.ProviderAdapters.Api;
using Dapr.AiProvider.ProviderAdapters.Hosting;
using Dapr.AiProvider.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ProviderAdaptersExtensions.MeterName);
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
