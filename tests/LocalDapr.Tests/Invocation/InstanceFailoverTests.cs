using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>One of two instances crashes: calls keep succeeding on the other (transport errors retried on the next instance).</summary>
[Trait("Category", "Process")]
public sealed class InstanceFailoverTests
{
    [Fact]
    public async Task Invoke_OneInstanceKilled_CallsStillSucceedOnTheOther()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var appA = await CalleeApp.StartAsync("a");
        await using var appB = await CalleeApp.StartAsync("b");
        await using var sidecarA = await SidecarProcess.StartAsync(redis, new SidecarSpec("pair") { AppPort = appA.Port });
        await using var sidecarB = await SidecarProcess.StartAsync(redis, new SidecarSpec("pair") { AppPort = appB.Port });
        await using var caller = await SidecarProcess.StartAsync(redis, new SidecarSpec("pair-caller"));
        var http = caller.CreateHttpClient();
        await Task.WhenAll(sidecarA.WaitForReadyAsync(), sidecarB.WaitForReadyAsync());
        var seen = new HashSet<string>();
        for (var i = 0; i < 100 && seen.Count < 2; i++)
        {
            using var warm = await http.GetAsync("v1.0/invoke/pair/method/whoami");
            if (warm.IsSuccessStatusCode)
            {
                seen.Add(await warm.Content.ReadAsStringAsync());
            }
            await Task.Delay(50);
        }
        Assert.Equal(2, seen.Count);

        sidecarA.Kill();
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await http.GetStringAsync("v1.0/invoke/pair/method/whoami"));
        }

        Assert.All(answers, a => Assert.Equal("b", a));
    }
}
