namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>The benchmark's app: <c>GET /ping</c> → "pong" on Kestrel, in its own process (<c>--serve-app PORT</c>) or in this one.</summary>
internal static class TrivialApp
{
    public const string ServeFlag = "--serve-app";

    public static WebApplication Start(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    /// <summary>Serves until the process is killed (the app as a child process of the benchmark).</summary>
    public static async Task ServeAsync(int port)
    {
        await using var app = Start(port);
        await app.WaitForShutdownAsync();
    }
}
