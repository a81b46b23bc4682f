using System.Text.RegularExpressions;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Accepted actor ids: <c>global</c>, <c>key:…</c>, <c>team:…</c>, <c>app:…</c> (a mesh app, issue 18.8), <c>provider:…[:model]</c>.</summary>
internal static partial class QuotaScope
{
    public static bool IsValid(string? scope) => scope is not null && Pattern().IsMatch(scope);

    [GeneratedRegex("^(global|(key|team|app|provider):[A-Za-z0-9._~@/:+-]{1,200})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
