using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Bench;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Health;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Options;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Streaming;
using Dapr.AiProvider.Router.Usage;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Hosting;

/// <summary>Registers the router: options, ports (Dapr-backed), the routing engine and the request pipeline.</summary>
public static class RouterServiceExtensions
{
    public static WebApplicationBuilder AddRouter(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        UseAppPort(builder);
        services.AddOptions<RouterOptions>().Bind(builder.Configuration.GetSection(RouterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<RouterOptions>, RouterOptionsDefaults>();
        services.AddSingleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>();
        services.AddOpenApi();

        AddPorts(services, builder.Configuration);
        builder.AddGatewaySecurity();

        services.AddSingleton<RouterMetrics>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<LatencyTracker>();
        services.AddSingleton<InFlightTracker>();
        services.AddSingleton(Random.Shared);
        services.AddSingleton<CandidateOrdering>();
        services.AddSingleton<ModelResolver>();
        services.AddSingleton<RoutingEngine>();
        services.AddSingleton<ProviderBench>();
        services.AddSingleton<BenchCoordinator>();
        services.AddSingleton<CircuitBreakerRegistry>();
        services.AddSingleton<ProviderHealthTracker>();
        services.AddSingleton<ICandidateHealth, CandidateHealth>();
        services.AddSingleton<AttemptSink>();
        services.AddSingleton<FailoverExecutor>();
        services.AddSingleton<BudgetGuard>();
        services.AddSingleton<UsageQueue>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<CacheAccess>();
        services.AddSingleton<AnswerFlights>();
        services.AddSingleton<CallPlanner>();
        services.AddSingleton<RequestPipeline>();
        services.AddSingleton<CompletionAttempt>();
        services.AddSingleton<CompletionResponder>();
        services.AddSingleton<StreamAttempt>();
        services.AddSingleton<StreamRelay>();
        services.AddSingleton<StreamResponder>();
        services.AddSingleton<ApiKeyFilter>();

        services.AddHostedService<CatalogRefresher>();
        services.AddHostedService<CircuitRefresher>();
        services.AddHostedService<ProviderHealthSync>();
        services.AddHostedService<BenchSync>();
        services.AddHostedService<UsagePublisherService>();
        services.AddHostedService<LeaseReturnService>();
        return builder;
    }

    /// <summary>The Dapr-backed ports; tests replace these registrations with fakes.</summary>
    private static void AddPorts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<ICompletionBackend, DaprCompletionBackend>(http =>
            {
                http.BaseAddress = SidecarEndpoint.InvokeBase(configuration, DaprNames.AppIds.ProviderAdapters);
                http.Timeout = Timeout.InfiniteTimeSpan;
                if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
                {
                    http.DefaultRequestHeaders.Add("dapr-api-token", token);
                }
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<IActorProxyFactory>(_ => new ActorProxyFactory(new ActorProxyOptions
        {
            UseJsonSerialization = true,
            HttpEndpoint = SidecarEndpoint.HttpEndpoint(configuration).ToString().TrimEnd('/'),
            DaprApiToken = configuration["DAPR_API_TOKEN"],
        }));
        services.AddSingleton<ICircuitStore, DaprCircuitStore>();
        services.AddSingleton<IProviderHealthStore, DaprProviderHealthStore>();
        services.AddSingleton<IResponseCache, DaprResponseCache>();
        services.AddSingleton<IUsagePublisher, DaprUsagePublisher>();
        services.AddSingleton<ILeaseSource, ActorLeaseSource>();
        services.AddSingleton<IBenchNotifier, QuotaActorBenchNotifier>();
    }

    /// <summary>Listens on 127.0.0.1:<c>APP_PORT</c> when <c>ASPNETCORE_URLS</c> / <c>urls</c> say nothing.</summary>
    private static void UseAppPort(WebApplicationBuilder builder)
    {
        var port = builder.Configuration["APP_PORT"];
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"])
            && int.TryParse(port, out var p) && p > 0)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{p}");
        }
    }
}
