using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.State;

internal static class StateRegistration
{
    /// <summary>
    /// The sidecar's state API (<see cref="SidecarState"/>), which every router store uses. Callers bound their own
    /// calls; the client's timeout only ends a call nobody waits for any more.
    /// </summary>
    public static IServiceCollection AddSidecarState(this IServiceCollection services)
    {
        services.AddHttpClient<SidecarState>((sp, http) =>
            SidecarHttpApi.ConfigureApi(http, sp.GetRequiredService<IConfiguration>(), TimeSpan.FromSeconds(30)));
        return services;
    }
}
