using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Invocation;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Replaces daprd's placement service with the shared registry Redis: actor type → hosting app id
/// (<c>localdapr||actor-types</c> hash), and one owner key per actor
/// (<c>localdapr||actor-owner||{type}||{id}</c> = "{instance id} {http address}", with a lease renewed while
/// the actor is active here). Whoever holds the key hosts the activation, so each id is active in exactly one
/// instance. The key names the owner's address, so placement never depends on the (cached, eventually
/// consistent) name-resolution registry: a live owner is never taken over because a peer cannot see it there.
/// A key is taken over only when the owner is proven gone (nothing listens at its address, or the address is
/// our own and so the owner was our previous incarnation) or its lease has run out.
/// </summary>
internal sealed class ActorPlacement(IRedisConnections redis, SidecarOptions options, ISidecarRegistry registry)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private const string TypesKey = "localdapr||actor-types";

    // Renews our lease; re-claims a key that expired meanwhile (nobody else took it); 0 when another holds it.
    private const string RenewScript =
        "local v = redis.call('GET', KEYS[1]) if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end "
        + "if v == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0";
    private const string ReleaseScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private const string TakeOverScript =
        "local v = redis.call('GET', KEYS[1]) if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";

    private readonly ActorOwner _self = new(options.InstanceId, $"http://127.0.0.1:{options.PeerPort}");

    private IDatabase Db => redis.Registry;

    public ActorOwner Self => _self;

    public Task RegisterTypesAsync(IEnumerable<string> types) =>
        Db.HashSetAsync(TypesKey, types.Select(t => new HashEntry(t, options.AppId)).ToArray());

    public async Task<string?> HostAppAsync(string type) => (string?)await Db.HashGetAsync(TypesKey, type);

    public async Task<ActorOwner?> OwnerAsync(string type, string id) =>
        ActorOwner.Parse((string?)await Db.StringGetAsync(Key(type, id)));

    /// <summary>
    /// Where a call for an actor of a type this app hosts must run: here (the key is ours, was free and is now
    /// claimed, or belonged to our previous incarnation), at the owner named in the key, or nowhere yet
    /// (another instance won the race for the key: look again).
    /// </summary>
    public async Task<ActorLocation> LocateAsync(string type, string id)
    {
        var owner = await OwnerAsync(type, id);
        if (owner is null)
        {
            return await TryClaimAsync(type, id) ? ActorLocation.Here : ActorLocation.Contended;
        }
        if (owner == _self)
        {
            return ActorLocation.Here;
        }
        if (owner.Address == _self.Address)
        {
            // Another instance id at our own address: our previous incarnation (crashed, restarted on the same
            // port before its lease ran out). We hold the port, so it cannot be serving anything.
            return await TakeOverAsync(type, id, owner) ? ActorLocation.Here : ActorLocation.Contended;
        }
        return ActorLocation.At(owner);
    }

    public Task<bool> TryClaimAsync(string type, string id) =>
        Db.StringSetAsync(Key(type, id), _self.ToString(), Lease, When.NotExists);

    /// <summary>
    /// Takes the key over from <paramref name="deadOwner"/> — only after it was proven gone (its address refused
    /// the connection) — and only if the key still names exactly that owner.
    /// </summary>
    public async Task<bool> TakeOverAsync(string type, string id, ActorOwner deadOwner) =>
        (long)await Db.ScriptEvaluateAsync(TakeOverScript, [Key(type, id)],
            [deadOwner.ToString(), _self.ToString(), (long)Lease.TotalMilliseconds]) == 1;

    /// <summary>Renews the leases of <paramref name="active"/>; returns those whose key another instance holds now.</summary>
    public async Task<IReadOnlyList<ActorActivation>> RenewAsync(IReadOnlyList<ActorActivation> active)
    {
        if (active.Count == 0)
        {
            return [];
        }
        var batch = Db.CreateBatch();
        var tasks = new Task<RedisResult>[active.Count];
        for (var i = 0; i < active.Count; i++)
        {
            tasks[i] = batch.ScriptEvaluateAsync(RenewScript, [Key(active[i].Type, active[i].Id)],
                [_self.ToString(), (long)Lease.TotalMilliseconds]);
        }
        batch.Execute();
        await Task.WhenAll(tasks);
        var lost = new List<ActorActivation>();
        for (var i = 0; i < active.Count; i++)
        {
            if ((long)tasks[i].Result == 0)
            {
                lost.Add(active[i]);
            }
        }
        return lost;
    }

    public Task ReleaseAsync(string type, string id) =>
        Db.ScriptEvaluateAsync(ReleaseScript, [Key(type, id)], [_self.ToString()]);

    /// <summary>Any live instance of <paramref name="appId"/> (for a call to a type hosted by another app).</summary>
    public async Task<SidecarEndpoint?> AnyInstanceAsync(string appId, CancellationToken ct)
    {
        var instances = await registry.ResolveAsync(appId, ct);
        return instances.Count == 0 ? null : instances[Random.Shared.Next(instances.Count)];
    }

    private static RedisKey Key(string type, string id) => $"localdapr||actor-owner||{type}||{id}";
}

/// <summary>The instance holding an actor's owner key and the HTTP address of its sidecar.</summary>
internal sealed record ActorOwner(string InstanceId, string Address)
{
    public static ActorOwner? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var space = value.IndexOf(' ');
        return space < 0 ? new ActorOwner(value, "") : new ActorOwner(value[..space], value[(space + 1)..]);
    }

    public override string ToString() => $"{InstanceId} {Address}";
}

/// <summary>The outcome of <see cref="ActorPlacement.LocateAsync"/>: run here, forward to <see cref="Owner"/>, or look again.</summary>
internal readonly record struct ActorLocation(ActorLocationKind Kind, ActorOwner? Owner)
{
    public static ActorLocation Here => new(ActorLocationKind.Here, null);
    public static ActorLocation Contended => new(ActorLocationKind.Contended, null);
    public static ActorLocation At(ActorOwner owner) => new(ActorLocationKind.Remote, owner);
}

internal enum ActorLocationKind
{
    Here,
    Remote,
    Contended,
}
