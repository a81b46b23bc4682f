namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>The actor configuration read from the app (available once loaded) and the metadata view.</summary>
internal sealed class ActorRuntime(ActorTable table, Hosting.SidecarOptions options) : IActorRuntimeInfo, Hosting.IActorTypesInfo
{
    public string AppId => options.AppId;

    /// <summary>The sidecars' shared API token, sent on sidecar-to-sidecar forwards.</summary>
    public string? ApiToken => options.ApiToken;

    private readonly TaskCompletionSource<ActorRuntimeConfig> _config = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ActorRuntimeConfig> Config => _config.Task;

    public ActorRuntimeConfig Current => _config.Task.IsCompletedSuccessfully ? _config.Task.Result : ActorRuntimeConfig.None;

    public void SetConfig(ActorRuntimeConfig config) => _config.TrySetResult(config);

    public bool Hosts(string type) => Current.Entities.Contains(type);

    public string RuntimeStatus => !_config.Task.IsCompleted ? "INITIALIZING"
        : Current.Entities.Count == 0 ? "DISABLED" : "RUNNING";

    public IReadOnlyList<ActiveActorsCount> ActiveActors
    {
        get
        {
            var active = table.All;
            return Current.Entities
                .Select(type => new ActiveActorsCount(type, active.Count(a => a.Type == type && !a.Deactivated)))
                .OrderBy(a => a.Type, StringComparer.Ordinal)
                .ToList();
        }
    }

    public IReadOnlyDictionary<string, int> ActiveActorCounts() =>
        ActiveActors.ToDictionary(a => a.Type, a => a.Count, StringComparer.Ordinal);
}
