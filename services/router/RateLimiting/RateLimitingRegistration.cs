using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.RateLimiting;

internal static class RateLimitingRegistration
{
    /// <summary>Requests and tokens per minute per key and team, in slices of shared per-minute counters.</summary>
    public static IServiceCollection AddRateLimiting(this IServiceCollection services) => services
        .AddSingleton<IRateWindowStore, DaprRateWindowStore>()
        .AddSingleton<CallerRateLimiter>()
        .AddSingleton<RateLimitFilter>();

    /// <summary>Group convention: 429 with <c>Retry-After</c> over a caller's limits (after authentication).</summary>
    public static TBuilder RequireRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddSharedEndpointFilter<TBuilder, RateLimitFilter>();
        return builder;
    }
}
