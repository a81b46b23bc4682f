using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(RouterMetrics.MeterName);
builder.AddRouter();

var app = builder.Build();
app.UseRouterErrorHandling();
app.MapDefaultEndpoints();
app.MapRouterApi();
app.Run();

/// <summary>Entry point (public for WebApplicationFactory).</summary>
public partial class Program;
