namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>
/// A parsed <c>spec.accessControl</c>, evaluated on the called sidecar as daprd does
/// (dapr/dapr pkg/acl/acl.go isOperationAllowedByAccessControlPolicy): without a caller identity (no mTLS) the
/// global default action decides; a caller without a policy, or whose trust domain or namespace differ, gets the
/// global default; otherwise the app policy's default action, overridden by a matching operation's verb action.
/// </summary>
internal sealed class AccessControlList(string defaultAction, string trustDomain, IReadOnlyDictionary<string, AppPolicy> policies)
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    /// <summary>The trust domain this app's own identity belongs to (spec.accessControl.trustDomain, default "public").</summary>
    public string TrustDomain { get; } = trustDomain;

    public bool IsAllowed(SpiffeId? caller, string operation, string httpVerb, bool isHttp)
    {
        var action = defaultAction;
        if (caller is null
            || !policies.TryGetValue(Key(caller.AppId, caller.Namespace), out var policy)
            || policy.TrustDomain != caller.TrustDomain
            || policy.Namespace != caller.Namespace)
        {
            return IsAllow(action);
        }
        if (policy.DefaultAction.Length > 0)
        {
            action = policy.DefaultAction;
        }
        if (!operation.StartsWith('/'))
        {
            operation = "/" + operation;
        }
        if (isHttp)
        {
            operation = operation.ToLowerInvariant();
        }
        if (policy.Operations.Search(operation) is { } rule)
        {
            if (!isHttp)
            {
                action = rule.Action;
            }
            else if (httpVerb.Length == 0)
            {
                action = policy.DefaultAction;
            }
            else if (rule.VerbActions.TryGetValue(httpVerb, out var verbAction) || rule.VerbActions.TryGetValue("*", out verbAction))
            {
                action = verbAction;
            }
        }
        return IsAllow(action);
    }

    public static string Key(string appId, string ns) => appId + "||" + ns;

    private static bool IsAllow(string action) => string.Equals(action, Allow, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One <c>policies[]</c> entry.</summary>
internal sealed record AppPolicy(string AppId, string DefaultAction, string TrustDomain, string Namespace, OperationTrie Operations);
