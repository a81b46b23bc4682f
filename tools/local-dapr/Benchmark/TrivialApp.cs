namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>The benchmark's app: <c>GET /ping</c> → "pong", on Kestrel in this process.</summary>
internal static class TrivialApp
{
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
}
