using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>Two sidecars for app id <c>twins</c> (apps answering "a" and "b") and a caller with <c>--max-body-size 1Ki</c>.</summary>
public sealed class TwinsFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = await RedisServer.StartAsync();
        var appA = await CalleeApp.StartAsync("a");
        var appB = await CalleeApp.StartAsync("b");
        var sidecars = await Task.WhenAll(
            SidecarProcess.StartAsync(redis, new SidecarSpec("twins") { AppPort = appA.Port }),
            SidecarProcess.StartAsync(redis, new SidecarSpec("twins") { AppPort = appB.Port }),
            SidecarProcess.StartAsync(redis, new SidecarSpec("small-caller") { ExtraArgs = ["--max-body-size", "1Ki"] }));
        _owned.AddRange([sidecars[2], sidecars[1], sidecars[0], appA, appB, redis]);
        Http = sidecars[2].CreateHttpClient();
        await Task.WhenAll(sidecars[0].WaitForReadyAsync(), sidecars[1].WaitForReadyAsync());
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (seen.Count < 2 && DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync("v1.0/invoke/twins/method/whoami");
            if (response.IsSuccessStatusCode)
            {
                seen.Add(await response.Content.ReadAsStringAsync());
            }
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
