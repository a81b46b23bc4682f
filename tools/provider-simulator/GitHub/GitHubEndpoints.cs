using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

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
        app.MapAuthenticatedGet("/github/catalog/models", Providers.GitHub, flavor.Authenticate, GitHubCatalog.WriteAsync);
        return app;
    }
}
