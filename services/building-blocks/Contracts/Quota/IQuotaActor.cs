using Dapr.Actors;

namespace Dapr.AiProvider.Contracts.Quota;

/// <summary>
/// One actor per quota scope (<see cref="QuotaScopes"/>). Turn-based, so grants never exceed
/// what is left however many router replicas ask at once. The router calls it without remoting (plain JSON actor
/// invocation, <c>QuotaActorInvoker</c>, by these method names); quota's own calls use JSON remoting
/// (<c>UseJsonSerialization = true</c>). The host answers both.
/// </summary>
public interface IQuotaActor : IActor
{
    /// <summary>Take a slice of every limited window of this scope; the grant may be smaller than asked, or zero.</summary>
    Task<LeaseGrant> AcquireLeaseAsync(LeaseRequest request);

    /// <summary>Report what a lease really used; the unused rest goes back to the windows.</summary>
    Task SettleLeaseAsync(LeaseSettlement settlement);

    Task<QuotaStatus> GetStatusAsync();

    Task SetLimitsAsync(QuotaLimits limits);

    /// <summary>
    /// Limits the provider stated for this scope (rate-limit headers, a 429's quota value): each replaces the published
    /// figure of the same metric and period while the scope follows the catalog, for every replica, and is kept in the
    /// scope's state (a router restart does not forget it). Explicit limits (<see cref="SetLimitsAsync"/>) still win.
    /// </summary>
    Task LearnLimitsAsync(QuotaLimits stated);

    /// <summary>Bench the scope (e.g. provider quota exhausted) until a time; every replica sees it.</summary>
    Task BenchAsync(BenchRequest request);
}

/// <summary>
/// The actor id of a quota scope. A scope may hold characters that end or split a URL path segment — model ids such
/// as <c>openai/gpt-oss-120b</c> or <c>@cf/meta/llama-3.1-8b-instruct</c> put a <c>/</c> in <c>provider:{id}:{model}</c>
/// — and the actor id travels unescaped in daprd's and the app's actor paths (<c>/v1.0/actors/{type}/{id}/method/{m}</c>:
/// Dapr.Actors formats <c>Constants.ActorMethodRelativeUrlFormat</c> without escaping, and daprd's router and the
/// Dapr.Actors.AspNetCore routes match one segment per id). Such a call found no route, so the window of every model
/// with a <c>/</c> was never leased (fail-open). Those characters are written as <c>~XX</c> (hex) instead; every other
/// scope's id is the scope itself, so existing actors keep their state.
/// </summary>
public static class QuotaActorIds
{
    private const string Escaped = "~/?#%\\";

    public static ActorId For(string scope)
    {
        if (scope.AsSpan().IndexOfAny(Escaped) < 0)
        {
            return new ActorId(scope);
        }
        var id = new System.Text.StringBuilder(scope.Length + 8);
        foreach (var c in scope)
        {
            if (Escaped.Contains(c, StringComparison.Ordinal))
            {
                id.Append('~').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                id.Append(c);
            }
        }
        return new ActorId(id.ToString());
    }

    public static string ScopeOf(ActorId actorId)
    {
        var id = actorId.GetId();
        if (!id.Contains('~', StringComparison.Ordinal))
        {
            return id;
        }
        var scope = new System.Text.StringBuilder(id.Length);
        for (var i = 0; i < id.Length; i++)
        {
            if (id[i] == '~' && i + 2 < id.Length
                && int.TryParse(id.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            {
                scope.Append((char)code);
                i += 2;
            }
            else
            {
                scope.Append(id[i]);
            }
        }
        return scope.ToString();
    }
}

/// <summary>Actor id formats, one per scope kind.</summary>
public static class QuotaScopes
{
    public const string Global = "global";
    public static string ApiKey(string keyId) => $"key:{keyId}";

    /// <summary>Prefix of a mesh app's caller id and scope (issue 18.8).</summary>
    public const string AppPrefix = "app:";

    /// <summary>A Dapr app admitted by its identity: its own budget scope <c>app:{appId}</c>.</summary>
    public static string App(string appId) => AppPrefix + appId;

    /// <summary>
    /// The budget scope of a caller id: a mesh app's (<c>app:{appId}</c>) is its own scope, any other caller's
    /// (key id, <c>jwt:…</c>, <c>bootstrap</c>) is <c>key:{id}</c>. Key ids never start with <c>app:</c>.
    /// </summary>
    public static string Caller(string callerId) =>
        callerId.StartsWith(AppPrefix, StringComparison.Ordinal) ? callerId : ApiKey(callerId);
    public static string Team(string team) => $"team:{team}";
    public static string Provider(string provider) => $"provider:{provider}";
    public static string ProviderModel(string provider, string model) => $"provider:{provider}:{model}";
}
