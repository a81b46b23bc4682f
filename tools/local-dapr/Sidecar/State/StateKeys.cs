using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>daprd's key prefixing (state_config.go): metadata <c>keyPrefix</c> = appid (default) | name | namespace | none | custom.</summary>
internal static class StateKeys
{
    private const string Separator = "||";

    public static string? PrefixFor(ComponentSpec component, string appId)
    {
        var strategy = component.Get("keyPrefix");
        return strategy?.ToLowerInvariant() switch
        {
            null or "" or "appid" => appId,
            "none" => null,
            "name" => component.Name,
            "namespace" => Environment.GetEnvironmentVariable("NAMESPACE") is { Length: > 0 } ns ? $"{ns}.{appId}" : appId,
            _ => strategy,
        };
    }

    public static string Apply(string? prefix, string key)
    {
        if (key.Contains(Separator, StringComparison.Ordinal))
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", $"input key/keyPrefix '{key}' can't contain '{Separator}'");
        }
        return prefix is null ? key : prefix + Separator + key;
    }
}
