namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>The state store components loaded for this app (after scopes).</summary>
public interface IStateStoreRegistry
{
    IStateStore? Find(string name);
    /// <summary>The store with <c>actorStateStore: "true"</c>, if any.</summary>
    IStateStore? ActorStore { get; }
    IReadOnlyCollection<IStateStore> All { get; }
}
