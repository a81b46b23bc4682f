using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Catalog;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>
/// Feeds runtime-disabled providers into routing: the caller's provider allow-list (or the whole
/// catalog) minus the disabled set. Costs nothing while no provider is disabled.
/// </summary>
internal sealed class ProviderSwitchFilter(ProviderSwitches switches, CatalogStore catalog) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var disabled = switches.Disabled;
        if (disabled.Count > 0)
        {
            var identity = ApiKeyFilter.IdentityOf(context.HttpContext);
            var allowed = new HashSet<string>(identity.AllowedProviders ?? (IEnumerable<string>)catalog.Current.Providers, StringComparer.OrdinalIgnoreCase);
            allowed.ExceptWith(disabled);
            ApiKeyFilter.SetIdentity(context.HttpContext, identity with { AllowedProviders = allowed });
        }
        return next(context);
    }
}
