using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.OpenAi;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.GitHub;

/// <summary><c>/github/inference/chat/completions</c> and <c>/github/catalog/models</c> (models.github.ai).</summary>
internal static class GitHubEndpoints
{
    public static IEndpointRouteBuilder MapGitHub(this IEndpointRouteBuilder app)
    {
        var flavor = new GitHubFlavor();
        var dialect = new OpenAiDialect(flavor, app.ServiceProvider.GetRequiredService<TimeProvider>());
        app.MapPost("/github/inference/chat/completions", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, dialect));
        app.MapPost("/github/orgs/{org}/inference/chat/completions", (HttpContext context, ChatHandler handler) => handler.HandleAsync(context, dialect));
        app.MapGet("/github/catalog/models", (HttpContext context, IOptionsMonitor<SimulatorOptions> options) =>
        {
            var denied = flavor.Authenticate(context.Request, options.CurrentValue.KeyFor(Providers.GitHub));
            return denied is not null
                ? denied.WriteAsync(context.Response, context.RequestAborted)
                : GitHubCatalog.WriteAsync(context.Response, context.RequestAborted);
        });
        return app;
    }
}
