using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>The real provider simulator process (tools/provider-simulator), one per test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private TestProcess? _process;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        _process = TestProcess.StartDotnet("provider-simulator", RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"),
            ["--urls", Url, "--Simulator:StallSeconds=20", "--Logging:LogLevel:Default=Warning"]);
        await _process.WaitForHttpAsync(Url + "/healthz", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
