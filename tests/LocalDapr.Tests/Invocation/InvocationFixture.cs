using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>Redis, the callee app with its sidecar (<c>callee</c>) and a caller sidecar without an app (<c>caller</c>).</summary>
public sealed class InvocationFixture : IAsyncLifetime
{
    public const string AppToken = "app-token";

    public RedisServer Redis { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public SidecarProcess Callee { get; private set; } = null!;
    public SidecarProcess Caller { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        App = await CalleeApp.StartAsync("only");
        var callee = SidecarProcess.StartAsync(Redis, new SidecarSpec("callee")
        {
            AppPort = App.Port,
            Env = new Dictionary<string, string> { ["APP_API_TOKEN"] = AppToken },
        });
        var caller = SidecarProcess.StartAsync(Redis, new SidecarSpec("caller"));
        Callee = await callee;
        Caller = await caller;
        Http = Caller.CreateHttpClient();
        await WaitUntilResolvableAsync(Http, "callee");
    }

    /// <summary>Polls until the caller can reach <paramref name="appId"/> (its sidecar registered after its app came up).</summary>
    public static async Task WaitUntilResolvableAsync(HttpClient caller, string appId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await caller.GetAsync($"v1.0/invoke/{appId}/method/whoami");
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await Caller.DisposeAsync();
        await Callee.DisposeAsync();
        await App.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
