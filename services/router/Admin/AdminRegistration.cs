using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Admin;

internal static class AdminRegistration
{
    /// <summary>The admin API's client to quota (keys, limits, usage) and its audit trail.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AdminAudit>();
        // The body types minimal APIs bind (MeshAppRequest): without reflection JSON (Native AOT) their metadata comes
        // from the HTTP JSON options' resolver chain.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(AdminJsonContext.Default));
        services.AddHttpClient<QuotaAdminClient>(http =>
            SidecarHttpApi.ConfigureInvoke(http, configuration, DaprNames.AppIds.Quota, TimeSpan.FromSeconds(30)));
        return services;
    }
}
