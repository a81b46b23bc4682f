using System.Text.Json.Nodes;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// Ingress denied by default; every opening names its ports; Prometheus (from the namespace labelled
/// <see cref="PrometheusLabel"/>) reaches each app's metrics port and daprd's; quota and provider-adapters only
/// from sidecars, on daprd's internal port.
/// </summary>
public sealed class NetworkRulesTests
{
    public const string PrometheusLabel = "metrics.aiprovider.io/scrape";
    private const long DaprInternalPort = 50002;

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void DefaultDeny_AndEveryRuleNamesPorts(string root)
    {
        var policies = Policies(root);

        Assert.Contains(policies, p => p["podSelector"]!.AsObject().Count == 0 && p["ingress"] is null
            && p["policyTypes"]!.AsArray().Select(t => (string?)t).SequenceEqual(["Ingress"]));
        Assert.All(policies.SelectMany(p => p["ingress"]?.AsArray() ?? []),
            rule => Assert.NotEmpty(rule!["ports"]!.AsArray()));
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Prometheus_ReachesAppAndSidecarMetrics(string root)
    {
        var documents = Kustomize.Render(root);
        foreach (var workload in Workload.In(documents))
        {
            var metricsPort = long.Parse(workload.Annotation("prometheus.io/port")!, System.Globalization.CultureInfo.InvariantCulture);
            var sidecarPort = long.Parse(workload.Annotation("dapr.io/metrics-port")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(workload.Container["ports"]!.AsArray(), p => (long?)p!["containerPort"] == metricsPort);
            Assert.Equal("true", workload.Annotation("dapr.io/enable-metrics"));
            var prometheusPorts = RulesFor(root, workload)
                .Where(r => r["from"]?.AsArray().Any(f => f!["namespaceSelector"]?["matchLabels"]?[PrometheusLabel] is not null) == true)
                .SelectMany(r => r["ports"]!.AsArray().Select(p => (long?)p!["port"])).ToList();
            Assert.Contains(metricsPort, prometheusPorts);
            Assert.Contains(sidecarPort, prometheusPorts);
        }
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Callees_OnlySidecarsOnTheInternalPort(string root)
    {
        foreach (var workload in Workload.In(Kustomize.Render(root)).Where(w => w.AppId != "router"))
        {
            var rules = RulesFor(root, workload).Where(r => r["from"]?.AsArray().Any(f => f!["namespaceSelector"] is not null) != true).ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules, r =>
            {
                Assert.Equal([DaprInternalPort], r["ports"]!.AsArray().Select(p => (long?)p!["port"]));
                Assert.All(r["from"]!.AsArray(), f => Assert.Equal("true", (string?)f!["podSelector"]!["matchLabels"]!["dapr.io/sidecar-injected"]));
            });
        }
    }

    private static List<JsonObject> Policies(string root) =>
        [.. Kustomize.Render(root).Where(d => d.Kind == "NetworkPolicy").Select(d => d.Json["spec"]!.AsObject())];

    /// <summary>Ingress rules of the policies whose podSelector selects the workload's pods.</summary>
    private static IEnumerable<JsonObject> RulesFor(string root, Workload workload)
    {
        var labels = workload.Deployment.Json["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        return Policies(root).Where(p => Selects(p["podSelector"]!.AsObject(), labels))
            .SelectMany(p => p["ingress"]?.AsArray() ?? []).Select(r => r!.AsObject());
    }

    private static bool Selects(JsonObject selector, JsonObject labels)
    {
        var matchLabels = selector["matchLabels"]?.AsObject() ?? [];
        var expressions = selector["matchExpressions"]?.AsArray() ?? [];
        return matchLabels.All(l => (string?)labels[l.Key] == (string?)l.Value)
            && expressions.All(e => (string?)e!["operator"] == "In"
                && e["values"]!.AsArray().Any(v => (string?)v == (string?)labels[(string)e["key"]!]));
    }
}
