using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>
/// <c>spec.accessControl</c> of the <c>--config</c> Configuration, read as daprd does
/// (dapr/dapr pkg/acl/acl.go ParseAccessControlSpec): none (or all empty) means no list; the default trust
/// domain is <c>public</c>; a missing global default action is <c>deny</c> unless <c>policies</c> is an empty
/// list; a policy without <c>appId</c>, <c>trustDomain</c> or <c>namespace</c> makes the whole Configuration
/// invalid (daprd refuses to start).
/// </summary>
internal static class AccessControlParser
{
    public const string DefaultTrustDomain = "public";

    /// <summary>The list, or null when the Configuration has none.</summary>
    /// <exception cref="Hosting.SidecarStartupException">a policy lacks appId, trustDomain or namespace.</exception>
    public static AccessControlList? Parse(YamlMappingNode configuration, string file, bool isHttp)
    {
        if (YamlFields.Node(configuration, "spec", "accessControl") is not YamlMappingNode spec)
        {
            return null;
        }
        var trustDomain = YamlFields.Scalar(spec, "trustDomain") ?? "";
        var defaultAction = YamlFields.Scalar(spec, "defaultAction") ?? "";
        var policyNodes = YamlFields.Sequence(spec, file, "policies");
        var policiesGiven = YamlFields.Node(spec, "policies") is YamlSequenceNode;
        if (trustDomain.Length == 0 && defaultAction.Length == 0 && policyNodes.Count == 0)
        {
            return null;
        }
        if (defaultAction.Length == 0)
        {
            defaultAction = !policiesGiven || policyNodes.Count > 0 ? AccessControlList.Deny : AccessControlList.Allow;
        }

        var missingTrustDomain = new List<string>();
        var missingNamespace = new List<string>();
        var missingAppId = false;
        var policies = new Dictionary<string, AppPolicy>(StringComparer.Ordinal);
        foreach (var node in policyNodes)
        {
            var map = node as YamlMappingNode ?? throw ResourceLoader.Error(file, $"line {node.Start.Line}: spec.accessControl.policies[] must be a mapping");
            var appId = YamlFields.Scalar(map, "appId") ?? "";
            var policy = new AppPolicy(appId, YamlFields.Scalar(map, "defaultAction") ?? "", YamlFields.Scalar(map, "trustDomain") ?? "",
                YamlFields.Scalar(map, "namespace") ?? "", new OperationTrie());
            missingAppId |= appId.Length == 0;
            if (policy.TrustDomain.Length == 0)
            {
                missingTrustDomain.Add(appId);
            }
            if (policy.Namespace.Length == 0)
            {
                missingNamespace.Add(appId);
            }
            foreach (var operation in YamlFields.Sequence(map, file, "operations"))
            {
                AddOperation(policy.Operations, (YamlMappingNode)operation, file, isHttp);
            }
            policies[AccessControlList.Key(policy.AppId, policy.Namespace)] = policy;
        }
        if (missingTrustDomain.Count > 0 || missingNamespace.Count > 0 || missingAppId)
        {
            throw ResourceLoader.Error(file,
                $"invalid access control spec. missing trustdomain for apps: [{string.Join(' ', missingTrustDomain)}], " +
                $"missing namespace for apps: [{string.Join(' ', missingNamespace)}], " +
                $"missing app name on at least one of the app policies: {(missingAppId ? "true" : "false")}");
        }
        return new AccessControlList(defaultAction.ToLowerInvariant(), trustDomain.Length == 0 ? DefaultTrustDomain : trustDomain, policies);
    }

    private static void AddOperation(OperationTrie trie, YamlMappingNode operation, string file, bool isHttp)
    {
        var name = YamlFields.Scalar(operation, "name") ?? "";
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }
        if (isHttp)
        {
            name = name.ToLowerInvariant();
        }
        var action = YamlFields.Scalar(operation, "action") ?? "";
        var verbs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var verb in YamlFields.Sequence(operation, file, "httpVerb"))
        {
            if (verb is YamlScalarNode { Value: { } value })
            {
                verbs[value] = action;
            }
        }
        trie.Put(name, new OperationRule(verbs, action));
    }
}
