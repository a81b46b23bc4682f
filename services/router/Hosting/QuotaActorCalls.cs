using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Hosting;

internal static class QuotaActorCalls
{
    /// <summary>
    /// Calls to quota's <c>QuotaActor</c> through the sidecar (plain JSON, no remoting), for budget leases and shared
    /// cooldowns. Callers bound each call themselves; the client's timeout only ends a call nobody waits for any more.
    /// </summary>
    public static IServiceCollection AddQuotaActorCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<QuotaActorInvoker>(http =>
        {
            http.BaseAddress = SidecarHttpApi.Endpoint(configuration);
            http.Timeout = TimeSpan.FromSeconds(30);
            if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
            {
                http.DefaultRequestHeaders.Add("dapr-api-token", token);
            }
        });
        return services;
    }
}
