using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// The one place that decides what runs as "the sidecar": the local sidecar (default) or, with
/// <c>LOCALDAPR_TARGET=daprd</c>, a real <c>daprd</c> on PATH started with the same flags.
/// </summary>
public static class SidecarTarget
{
    public static bool IsDaprd => string.Equals(Environment.GetEnvironmentVariable("LOCALDAPR_TARGET"), "daprd", StringComparison.OrdinalIgnoreCase);

    public static TestProcess Start(string name, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        if (IsDaprd)
        {
            return TestProcess.Start(name, "daprd", args, env);
        }
        // W^X off: JIT tier-ups are much cheaper, so sidecars start and warm up faster on a busy machine.
        var withRuntime = new Dictionary<string, string>(env) { ["DOTNET_EnableWriteXorExecute"] = "0" };
        return TestProcess.StartDotnet(name, RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"), args, withRuntime);
    }
}
