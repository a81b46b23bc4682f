using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>Checks, before anything starts, that no two apps share a port and that every port is free.</summary>
internal static class PortPlanner
{
    /// <returns>The problems found; empty when every port can be used.</returns>
    public static List<string> Problems(IReadOnlyList<AppPlan> apps, Func<int, bool> isFree)
    {
        var owners = new Dictionary<int, string>();
        var problems = new List<string>();
        foreach (var app in apps)
        {
            Check(app.AppPort, $"appPort of '{app.AppId}'");
            Check(app.DaprHttpPort, $"daprHTTPPort of '{app.AppId}'");
            Check(app.DaprGrpcPort, $"daprGRPCPort of '{app.AppId}'");
            Check(app.MetricsPort, $"metricsPort of '{app.AppId}'");
        }

        return problems;

        void Check(int? port, string owner)
        {
            if (port is not { } p)
            {
                return;
            }

            if (owners.TryGetValue(p, out var first))
            {
                problems.Add($"port {p} is used twice: {first} and {owner}");
            }
            else if (!isFree(p))
            {
                problems.Add($"port {p} ({owner}) is already in use");
            }

            owners.TryAdd(p, owner);
        }
    }

    public static List<string> Problems(IReadOnlyList<AppPlan> apps) => Problems(apps, PortCheck.IsFree);
}
