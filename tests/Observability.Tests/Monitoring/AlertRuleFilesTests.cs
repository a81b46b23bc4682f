using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.Observability.Tests.Monitoring;

/// <summary>
/// The alert rules as Prometheus itself reads them: <c>promtool check rules</c> (syntax, PromQL) and
/// <c>promtool test rules</c> (each alert fires on its bad case and stays quiet on its good one). promtool comes
/// from Debian's prometheus package, installed by scripts/infra.sh.
/// </summary>
public sealed class AlertRuleFilesTests
{
    private static readonly string[] RequiredAlerts =
    [
        "AiProviderCircuitOpen", "AiProviderHighErrorRatio", "AiProviderBudgetNearlySpent", "AiProviderBudgetExhausted",
        "AiProviderFreeTierExhausted", "AiProviderUsageBacklogGrowing", "AiProviderUsageDeadLetters",
        "AiProviderLatencyBudgetBurnFast", "AiProviderLatencyBudgetBurnSlow",
    ];

    [Fact]
    [Trait("Category", "Process")]
    public async Task PromtoolCheckRules_RulesFile_Succeeds()
    {
        var (exitCode, output) = await MonitoringFiles.PromtoolAsync("check", "rules", MonitoringFiles.RulesFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task PromtoolTestRules_UnitTests_AllPass()
    {
        var (exitCode, output) = await MonitoringFiles.PromtoolAsync("test", "rules", MonitoringFiles.RulesTestFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesFile_EveryAlert_HasAPromtoolUnitTest()
    {
        var alerts = MonitoringFiles.Alerts(MonitoringFiles.Yaml(MonitoringFiles.RulesFile)["groups"]).Select(a => a.Alert).ToHashSet();
        var tested = ((YamlSequenceNode)MonitoringFiles.Yaml(MonitoringFiles.RulesTestFile)["tests"]).Cast<YamlMappingNode>()
            .SelectMany(t => ((YamlSequenceNode)t["alert_rule_test"]).Cast<YamlMappingNode>())
            .Where(c => ((YamlSequenceNode)c["exp_alerts"]).Children.Count > 0)
            .Select(c => ((YamlScalarNode)c["alertname"]).Value!)
            .ToHashSet();

        Assert.Superset(RequiredAlerts.ToHashSet(), alerts);
        Assert.Empty(alerts.Except(tested));
    }

    [Fact]
    public void PrometheusRule_Groups_AreThoseOfThePlainRulesFile()
    {
        var plain = MonitoringFiles.Yaml(MonitoringFiles.RulesFile)["groups"];
        var crd = MonitoringFiles.Yaml(MonitoringFiles.PrometheusRuleFile);

        Assert.Equal("monitoring.coreos.com/v1", ((YamlScalarNode)crd["apiVersion"]).Value);
        Assert.Equal("PrometheusRule", ((YamlScalarNode)crd["kind"]).Value);
        Assert.Equal(MonitoringFiles.Alerts(plain), MonitoringFiles.Alerts(((YamlMappingNode)crd["spec"])["groups"]));
    }

    [Fact]
    public void RulesFile_EveryExpression_ReadsOnlyExportedSeries()
    {
        foreach (var (alert, expr) in MonitoringFiles.Alerts(MonitoringFiles.Yaml(MonitoringFiles.RulesFile)["groups"]))
        {
            var series = MonitoringFiles.SeriesIn(expr).ToList();
            Assert.True(series.Count > 0, alert);
            Assert.All(series, s => Assert.True(ExportedSeries.IsExported(s), $"{alert} reads {s}, which no service exports"));
        }
    }
}
