using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.Observability.Tests.Monitoring;

/// <summary>
/// The Grafana dashboard's static checks; whether every query returns series against the running stack is
/// proved by a real Prometheus in EndToEnd/PrometheusEndToEndTests.
/// </summary>
public sealed class DashboardFileTests
{
    private static readonly string[] RequiredPanels =
    [
        "Traffic", "errors by class", "p50 / p95 / p99", "Time to first token", "Cost by provider", "Cost by team",
        "Free-tier headroom", "Cache hit ratio", "Circuits", "Failover", "lag",
    ];

    [Fact]
    public void Dashboard_EveryQuery_ReadsOnlyExportedSeries()
    {
        var queries = MonitoringFiles.DashboardQueries("5m");

        Assert.NotEmpty(queries);
        foreach (var (panel, expr) in queries)
        {
            var series = MonitoringFiles.SeriesIn(expr).ToList();
            Assert.True(series.Count > 0, panel);
            Assert.All(series, s => Assert.True(ExportedSeries.IsExported(s), $"panel '{panel}' reads {s}, which no service exports"));
        }
    }

    [Fact]
    public void Dashboard_Panels_CoverWhatOperatorsAskFor()
    {
        var titles = MonitoringFiles.DashboardQueries("5m").Select(q => q.Panel).Distinct().ToList();

        Assert.All(RequiredPanels, required =>
            Assert.Contains(titles, t => t.Contains(required, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Dashboard_Datasource_IsAVariableSoAnyPrometheusWorks()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(MonitoringFiles.DashboardFile));
        var variable = Assert.Single(json.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray());

        Assert.Equal("datasource", variable.GetProperty("type").GetString());
        Assert.All(json.RootElement.GetProperty("panels").EnumerateArray(), p =>
            Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    [Fact]
    public void Kustomization_ShipsDashboardRulesAndScrapeConfig()
    {
        var kustomization = MonitoringFiles.Yaml(Path.Combine(MonitoringFiles.Dir, "kustomization.yaml"));
        var resources = ((YamlSequenceNode)kustomization["resources"]).Select(r => ((YamlScalarNode)r).Value).ToList();
        var dashboardFiles = ((YamlSequenceNode)kustomization["configMapGenerator"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["files"]).Select(f => ((YamlScalarNode)f).Value)).ToList();

        Assert.Contains("prometheus-rule.yaml", resources);
        Assert.Contains("podmonitor.yaml", resources);
        Assert.Contains("grafana/dashboards/ai-provider.json", dashboardFiles);
        Assert.All(resources.Concat(dashboardFiles), f => Assert.True(File.Exists(Path.Combine(MonitoringFiles.Dir, f!)), f));
    }
}
