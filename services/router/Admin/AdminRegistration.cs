using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Admin;

internal static class AdminRegistration
{
    /// <summary>The admin API's client to quota (keys, limits, usage) and its audit trail.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AdminAudit>();
        services.AddHttpClient<QuotaAdminClient>(http =>
            SidecarEndpoint.ConfigureInvoke(http, configuration, DaprNames.AppIds.Quota, TimeSpan.FromSeconds(30)));
        return services;
    }
}
