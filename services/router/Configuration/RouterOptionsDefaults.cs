using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Adds the built-in routes and task types unless configuration defines them itself.</summary>
internal sealed class RouterOptionsDefaults : IPostConfigureOptions<RouterOptions>
{
    public void PostConfigure(string? name, RouterOptions options)
    {
        options.Routes.TryAdd("auto", new RouteOptions { Strategy = RoutingStrategy.Cost });
        options.Routes.TryAdd("auto:code", new RouteOptions { Strategy = RoutingStrategy.Cost, RequiredCapabilities = ["code"] });
        options.Routes.TryAdd("free", new RouteOptions { Strategy = RoutingStrategy.Cost, FreeOnly = true });

        options.TaskTypes.TryAdd("chat", new TaskTypeOptions { Route = "auto" });
        options.TaskTypes.TryAdd("completion", new TaskTypeOptions { Route = "auto" });
        options.TaskTypes.TryAdd("summarize", new TaskTypeOptions { Route = "auto", CacheTtlSeconds = 86_400, CachedByDefault = true });
        options.TaskTypes.TryAdd("classify", new TaskTypeOptions { Route = "auto", CacheTtlSeconds = 86_400, CachedByDefault = true });
        options.TaskTypes.TryAdd("extract", new TaskTypeOptions { Route = "auto", CacheTtlSeconds = 86_400, CachedByDefault = true });
        options.TaskTypes.TryAdd("translate", new TaskTypeOptions { Route = "auto", CacheTtlSeconds = 86_400, CachedByDefault = true });
        options.TaskTypes.TryAdd("code", new TaskTypeOptions { Route = "auto:code", CacheTtlSeconds = 3600 });
        options.TaskTypes.TryAdd("reasoning", new TaskTypeOptions { Route = "auto", CacheTtlSeconds = 3600 });

        if (string.IsNullOrWhiteSpace(options.BootstrapKey))
        {
            options.BootstrapKey = Environment.GetEnvironmentVariable("AIPROVIDER_BOOTSTRAP_KEY");
        }
    }
}
