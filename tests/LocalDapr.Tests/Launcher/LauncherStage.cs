using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>
/// What the launcher's process tests share: a temp run folder whose state store is a private Redis, free ports for
/// two apps (alpha with a fixed sidecar HTTP port, beta), and a start that returns once every app is ready.
/// </summary>
public abstract class LauncherStage : IAsyncLifetime, IDisposable
{
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private RedisServer _redis = null!;

    private protected TempRunFolder Folder { get; } = new();
    protected int AlphaPort { get; } = FreePort.Next();
    protected int AlphaHttp { get; } = FreePort.Next();
    protected int BetaPort { get; } = FreePort.Next();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Folder.File("res/statestore.yaml", DefaultResources.StateStoreYaml(_redis.Address));
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    public void Dispose() => Folder.Dispose();

    /// <summary>The file the launcher writes once every app is ready (and deletes when it stops).</summary>
    private protected string ReadyFile => Path.Combine(Folder.Root, "ready");

    /// <summary>Starts the launcher on the run folder and waits for its ready file (every app ready).</summary>
    private protected async Task<LauncherRun> StartReadyAsync(params string[] flags)
    {
        var run = LauncherRun.Start(["-f", Folder.Root, "--ready-file", ReadyFile, .. flags]);
        try
        {
            await run.WaitForFileAsync(ReadyFile, StartTimeout);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
        return run;
    }
}
