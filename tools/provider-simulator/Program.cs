using Dapr.AiProvider.ProviderSimulator;
using Dapr.AiProvider.ProviderSimulator.Anthropic;
using Dapr.AiProvider.ProviderSimulator.Embeddings;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Dapr.AiProvider.ProviderSimulator.Gemini;
using Dapr.AiProvider.ProviderSimulator.GitHub;
using Dapr.AiProvider.ProviderSimulator.HuggingFace;
using Dapr.AiProvider.ProviderSimulator.OpenAi;
using Dapr.AiProvider.ProviderSimulator.Presets;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:9100");
builder.AddProviderSimulator();

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("ok"));
app.MapSimControl();
app.MapOpenAi();
app.MapAnthropic();
app.MapGemini();
app.MapHuggingFace();
app.MapGitHub();
app.MapPresets();
app.MapFeatureExtraction();
app.Run();

/// <summary>Entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
