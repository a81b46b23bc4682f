using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Alerts;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Data;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Ingestion;
using Dapr.AiProvider.Quota.Keys;
using Dapr.AiProvider.Quota.Policy;
using Dapr.AiProvider.Quota.Providers;
using Dapr.AiProvider.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota;

/// <summary>Registers the quota service: ledger (PostgreSQL), usage ingestion, quota actors, analytics.</summary>
internal static class QuotaExtensions
{
    public static IHostApplicationBuilder AddQuota(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<QuotaMetrics>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, QuotaJsonContext.Default));

        services.AddSingleton<LedgerDataSource>();
        services.AddSingleton<LedgerMigrator>();
        services.AddSingleton<LedgerDatabase>();
        services.AddHostedService<LedgerStartupService>();
        // PostgreSQL down keeps quota ready (Degraded, /readyz 200): its actors (budgets in Redis) and key checks must
        // stay reachable through the Dapr name resolution, which lists ready pods only; usage deliveries wait in the
        // sidecar's retries. docs/deploy-kubernetes.md "Readiness".
        services.AddHealthChecks().AddCheck<LedgerHealthCheck>("postgresql", failureStatus: HealthStatus.Degraded, tags: [ServiceDefaultsExtensions.ReadyTag]);

        services.AddOptionsWithValidateOnStart<IngestionOptions>().BindConfiguration(IngestionOptions.Section);
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddSingleton<UsageRepository>();
        services.AddSingleton<UsageBatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageBatchWriter>());
        services.AddSingleton<UsageIngestionHandler>();

        services.AddOptionsWithValidateOnStart<QuotaPolicyOptions>().BindConfiguration(QuotaPolicyOptions.Section);
        services.AddSingleton<IValidateOptions<QuotaPolicyOptions>, QuotaPolicyOptionsValidator>();
        services.AddSingleton<QuotaPolicy>();
        services.AddSingleton<IQuotaLimitStore, QuotaLimitStore>();
        services.AddSingleton<IQuotaAlertSink, QuotaAlertSink>();
        services.AddSingleton<IQuotaActorClient, QuotaActorClient>();
        services.AddActors(options =>
        {
            options.UseJsonSerialization = true;
            options.Actors.RegisterActor<QuotaActor>(DaprNames.Actors.Quota);
        });

        services.AddQuotaAlerts();
        services.AddSingleton<UsageAnalytics>();
        services.AddSingleton<ConsoleLedger>();
        services.AddApiKeys();
        services.AddProviderRegistry();
        return builder;
    }
}
