namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>What <c>/v1.0/metadata</c> reports about actors: the hosted types with their active counts.</summary>
public interface IActorRuntimeInfo
{
    /// <summary>"INITIALIZING" until the app's /dapr/config was read, then "RUNNING" (or "DISABLED" with no actor types).</summary>
    string RuntimeStatus { get; }
    IReadOnlyList<ActiveActorsCount> ActiveActors { get; }
}

public sealed record ActiveActorsCount(string Type, int Count);
