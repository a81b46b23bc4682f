namespace Dapr.AiProvider.Router.Hosting;

/// <summary>
/// Endpoint filters built once, from the application's services. ASP.NET Core's <c>AddEndpointFilter&lt;TFilter&gt;</c>
/// builds a new filter for every request (<c>ActivatorUtilities</c>: a reflection constructor call and an object per
/// filter per request, 2.5 % of the router's CPU on a cache hit; docs/benchmarks-peer.md, "Session 11"). The router's
/// filters hold only singletons, so one instance serves every request: register the filter as a singleton.
/// </summary>
internal static class SharedEndpointFilters
{
    public static TBuilder AddSharedEndpointFilter<TBuilder, TFilter>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        where TFilter : class, IEndpointFilter
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = factory.ApplicationServices.GetRequiredService<TFilter>();
            return invocation => filter.InvokeAsync(invocation, next);
        });
        return builder;
    }
}
