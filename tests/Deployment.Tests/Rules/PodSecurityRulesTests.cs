using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// Pod Security "restricted" (RuntimeDefault seccomp for the pod, so for the injected daprd too; non-root; no
/// privilege escalation; no capabilities), sidecar limits and JSON logs, and no spec.replicas where an HPA scales.
/// </summary>
public sealed class PodSecurityRulesTests
{
    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Namespace_EnforcesRestricted(string root)
    {
        var ns = Kustomize.Render(root).Single(d => d.Kind == "Namespace");

        Assert.Equal("restricted", (string?)ns.Json["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
        Assert.All(Kustomize.Render(root).Where(d => d.Json["metadata"]?["namespace"] is not null),
            d => Assert.Equal(ns.Name, (string?)d.Json["metadata"]!["namespace"]));
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Pods_MeetRestricted_SidecarBoundedAndLoggingJson(string root)
    {
        foreach (var workload in Workload.In(Kustomize.Render(root)))
        {
            var pod = workload.Pod["securityContext"]!;
            Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
            Assert.True((bool?)pod["runAsNonRoot"]);
            foreach (var container in workload.Pod["containers"]!.AsArray())
            {
                var security = container!["securityContext"]!;
                Assert.False((bool?)security["allowPrivilegeEscalation"]);
                Assert.True((bool?)security["readOnlyRootFilesystem"]);
                Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
                Assert.NotNull(container["resources"]?["limits"]?["memory"]);
            }
            Assert.Equal("RuntimeDefault", workload.Annotation("dapr.io/sidecar-seccomp-profile-type"));
            Assert.NotNull(workload.Annotation("dapr.io/sidecar-memory-limit"));
            Assert.Equal("true", workload.Annotation("dapr.io/log-as-json"));
        }
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void DeploymentsScaledByAnHpa_HaveNoReplicas(string root)
    {
        var documents = Kustomize.Render(root);
        var scaled = documents.Where(d => d.Kind == "HorizontalPodAutoscaler")
            .Select(h => (string?)h.Json["spec"]!["scaleTargetRef"]!["name"]).ToHashSet();

        Assert.Equal(["provider-adapters", "quota", "router"], scaled.Order(StringComparer.Ordinal));
        Assert.All(documents.Where(d => d.Kind == "Deployment" && scaled.Contains(d.Name)),
            d => Assert.Null(d.Json["spec"]!["replicas"]));
    }
}
