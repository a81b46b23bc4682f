using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// The one place that decides what runs as "the sidecar": the local sidecar (default) or, with
/// <c>LOCALDAPR_TARGET=daprd</c>, a real <c>daprd</c> on PATH started with the same flags.
/// </summary>
public static class SidecarTarget
{
    public static bool IsDaprd => string.Equals(Environment.GetEnvironmentVariable("LOCALDAPR_TARGET"), "daprd", StringComparison.OrdinalIgnoreCase);

    public static TestProcess Start(string name, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env) =>
        IsDaprd
            ? TestProcess.Start(name, "daprd", args, env)
            : TestProcess.StartDotnet(name, RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"), args, env);
}
