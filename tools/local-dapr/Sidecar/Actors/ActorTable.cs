using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>The actors active in this instance, by type and id.</summary>
internal sealed class ActorTable
{
    private readonly ConcurrentDictionary<(string Type, string Id), ActorActivation> _active = new();

    public ActorActivation? Find(string type, string id) => _active.GetValueOrDefault((type, id));

    public ActorActivation GetOrAdd(string type, string id, DateTimeOffset now) =>
        _active.GetOrAdd((type, id), key => new ActorActivation(key.Type, key.Id, now));

    public void Remove(ActorActivation activation) =>
        _active.TryRemove(new KeyValuePair<(string, string), ActorActivation>((activation.Type, activation.Id), activation));

    public IReadOnlyCollection<ActorActivation> All => (IReadOnlyCollection<ActorActivation>)_active.Values;
}
