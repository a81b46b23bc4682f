namespace Dapr.AiProvider.Router.Failover;

internal static class FailoverRegistration
{
    /// <summary>The failover loop over a route plan and the sink every attempt reports its end to.</summary>
    public static IServiceCollection AddFailover(this IServiceCollection services) => services
        .AddSingleton<AttemptSink>()
        .AddSingleton<FailoverExecutor>();
}
