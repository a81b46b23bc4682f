namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// An app of the Dapr mesh allowed to call without an API key (<c>PUT /admin/apps/{appId}</c>): its role,
/// team, allow-list and limits, as a key would have them. Its usage, limits and budget (scope) are under <c>app:{appId}</c>.
/// </summary>
internal sealed record MeshApp
{
    public string AppId { get; init; } = "";
    public string Role { get; init; } = Roles.Service;
    public string? Team { get; init; }
    public IReadOnlyList<string> AllowedModels { get; init; } = [];
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }

    public ApiKeyIdentity ToIdentity()
    {
        var allowList = AllowList.Parse(AllowedModels);
        return new ApiKeyIdentity(Contracts.Quota.QuotaScopes.App(AppId), Role)
        {
            Team = Team,
            AllowedProviders = allowList?.Providers,
            AllowedModels = allowList is { ProviderLevelOnly: false } ? allowList : null,
            RequestsPerMinute = RequestsPerMinute,
            TokensPerMinute = TokensPerMinute,
            Source = "dapr",
            CallerAppId = AppId,
        };
    }
}
