namespace Dapr.AiProvider.Router.Console;

internal static class ConsoleRegistration
{
    /// <summary>The free-tier headroom reader (decisions and the overview are read from quota, <c>ConsoleApi</c>).</summary>
    public static IServiceCollection AddConsole(this IServiceCollection services) =>
        services.AddSingleton<FreeTierHeadroom>();
}
