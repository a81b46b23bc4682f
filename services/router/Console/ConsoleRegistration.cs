namespace Dapr.AiProvider.Router.Console;

internal static class ConsoleRegistration
{
    /// <summary>The ring of recent decisions (filled by <c>UsageRecorder</c>) and the free-tier headroom reader.</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services) =>
        services.AddSingleton<DecisionLog>().AddSingleton<FreeTierHeadroom>();
}
