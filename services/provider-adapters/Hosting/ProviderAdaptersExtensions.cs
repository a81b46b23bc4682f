using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Catalog;
using Dapr.AiProvider.ProviderAdapters.Chat;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Registry;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Hosting;

/// <summary>Registration of the provider-adapters service.</summary>
internal static class ProviderAdaptersExtensions
{
    public const string MeterName = "Dapr.AiProvider.ProviderAdapters";
    public const string SimulatorUrlVariable = "AIPROVIDER_SIMULATOR_URL";

    public static IHostApplicationBuilder AddProviderAdapters(this IHostApplicationBuilder builder)
    {
        // providers.json is the lowest-priority source: appsettings, environment and command line override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "providers.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<ProvidersOptions>()
            .Bind(builder.Configuration.GetSection(ProvidersOptions.Section))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.SimulatorUrl))
                {
                    options.SimulatorUrl = configuration[SimulatorUrlVariable];
                }
            });
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersCrossFieldValidator>();

        services.AddSingleton(sp => PriceTableLoader.Load(
            sp.GetRequiredService<IConfiguration>()["Pricing:File"] ?? Path.Combine(AppContext.BaseDirectory, "prices.json")));
        services.AddSingleton(sp => new ProviderRegistry(sp.GetRequiredService<IOptions<ProvidersOptions>>().Value, sp.GetRequiredService<PriceTable>()));
        services.AddSingleton<IProviderKeySource>(CreateKeySource);
        // The secret store through the sidecar's HTTP API; a read happens once per key, not per request.
        services.AddHttpClient<DaprSecretKeySource>((sp, http) =>
            SidecarHttpApi.ConfigureApi(http, sp.GetRequiredService<IConfiguration>(), TimeSpan.FromSeconds(10)));

        services.AddHttpClient();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, UpstreamHttpClients>();
        services.AddSingleton<UpstreamInvokers>();

        services.AddSingleton<CopilotTokenExchange>();
        services.AddSingleton<ProviderCredentials>();
        services.AddSingleton<ChatFamilies>();
        services.AddSingleton<AdapterMetrics>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton<UpstreamSender>();
        services.AddSingleton<UnaryChat>();
        services.AddSingleton<StreamingChat>();
        services.AddSingleton<EmbeddingFamilies>();
        services.AddSingleton<UnaryEmbeddings>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<ModelRetirements>();
        services.AddSingleton<ModelListRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelListRefresh>());
        services.AddSingleton<ProviderHealthMonitor>();
        services.AddHostedService<ProviderHealthProbe>();
        services.AddHostedService<ProviderStartup>();
        services.AddProviderRegistryFollower();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default));
        return builder;
    }

    /// <summary>Simulator mode (and tests): keys from configuration; otherwise the Dapr secret store.</summary>
    private static IProviderKeySource CreateKeySource(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ProvidersOptions>>().Value;
        var configuration = sp.GetRequiredService<IConfiguration>();
        if (options.SimulatorMode)
        {
            var keys = configuration.GetSection("ProviderKeys").GetChildren()
                .Where(s => s.Value is not null)
                .ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal);
            return new ConfigKeySource(keys, options.SimulatorKey);
        }
        return sp.GetRequiredService<DaprSecretKeySource>();
    }
}
