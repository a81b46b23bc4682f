using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapr.AiProvider.TestInfrastructure;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.Observability.Tests.Monitoring;

/// <summary>The files in <c>k8s/monitoring/</c>, parsed: alert rules and the dashboard's queries.</summary>
internal static partial class MonitoringFiles
{
    public static string Dir => Path.Combine(RepoPaths.Root, "k8s", "monitoring");
    public static string RulesFile => Path.Combine(Dir, "rules", "ai-provider.rules.yml");
    public static string RulesTestFile => Path.Combine(Dir, "rules", "ai-provider.rules.test.yml");
    public static string PrometheusRuleFile => Path.Combine(Dir, "prometheus-rule.yaml");
    public static string DashboardFile => Path.Combine(Dir, "grafana", "dashboards", "ai-provider.json");

    public static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static IReadOnlyList<(string Alert, string Expr)> Alerts(YamlNode groups) =>
        [.. ((YamlSequenceNode)groups).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Select(r => (((YamlScalarNode)r["alert"]).Value!, ((YamlScalarNode)r["expr"]).Value!))];

    /// <summary>Every panel query with Grafana's interval macros replaced, as a test evaluates it.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> DashboardQueries(string rangeInterval)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return [.. json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t =>
                (p.GetProperty("title").GetString()!,
                 t.GetProperty("expr").GetString()!.Replace("$__rate_interval", rangeInterval, StringComparison.Ordinal)
                     .Replace("$__range", rangeInterval, StringComparison.Ordinal))))];
    }

    /// <summary>The <c>ai_provider_*</c> series names a PromQL expression reads (histogram suffixes included).</summary>
    public static IEnumerable<string> SeriesIn(string expr) =>
        SeriesName().Matches(expr).Select(m => m.Value).Distinct();

    public static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] args)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("promtool did not start (scripts/infra.sh installs Debian's prometheus package)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"\bai_provider_[a-z0-9_]+")]
    private static partial Regex SeriesName();
}
