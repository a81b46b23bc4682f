using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Invocation;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Replaces daprd's placement service with the shared registry Redis: actor type → hosting app id
/// (<c>localdapr||actor-types</c> hash), and one owner key per actor
/// (<c>localdapr||actor-owner||{type}||{id}</c> = instance id, with a lease renewed while the actor is
/// active here). Whoever holds the key hosts the activation, so each id is active in exactly one instance.
/// </summary>
internal sealed class ActorPlacement(IRedisConnections redis, SidecarOptions options, ISidecarRegistry registry)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private const string TypesKey = "localdapr||actor-types";

    private const string RenewScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private const string ReleaseScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private const string TakeOverScript =
        "local v = redis.call('GET', KEYS[1]) if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";

    private IDatabase Db => redis.Registry;
    private string Self => options.InstanceId;

    public Task RegisterTypesAsync(IEnumerable<string> types) =>
        Db.HashSetAsync(TypesKey, types.Select(t => new HashEntry(t, options.AppId)).ToArray());

    public async Task<string?> HostAppAsync(string type) => (string?)await Db.HashGetAsync(TypesKey, type);

    public async Task<string?> OwnerAsync(string type, string id) => (string?)await Db.StringGetAsync(Key(type, id));

    public Task<bool> TryClaimAsync(string type, string id) =>
        Db.StringSetAsync(Key(type, id), Self, Lease, When.NotExists);

    /// <summary>Takes the key over from an instance that is no longer registered (a crashed sidecar).</summary>
    public async Task<bool> TakeOverAsync(string type, string id, string deadOwner) =>
        (long)await Db.ScriptEvaluateAsync(TakeOverScript, [Key(type, id)],
            [deadOwner, Self, (long)Lease.TotalMilliseconds]) == 1;

    public async Task RenewAsync(IEnumerable<ActorActivation> active)
    {
        var batch = Db.CreateBatch();
        var tasks = active.Select(a => batch.ScriptEvaluateAsync(RenewScript, [Key(a.Type, a.Id)],
            [Self, (long)Lease.TotalMilliseconds])).ToList();
        batch.Execute();
        await Task.WhenAll(tasks);
    }

    public Task ReleaseAsync(string type, string id) =>
        Db.ScriptEvaluateAsync(ReleaseScript, [Key(type, id)], [Self]);

    public bool IsSelf(string instanceId) => instanceId == Self;

    public async Task<SidecarEndpoint?> EndpointAsync(string appId, string? instanceId, CancellationToken ct)
    {
        var instances = await registry.ResolveAsync(appId, ct);
        if (instanceId is null)
        {
            return instances.Count == 0 ? null : instances[Random.Shared.Next(instances.Count)];
        }
        // An entry with our own address under another instance id is our previous incarnation
        // (crashed, restarted on the same port, entry not yet expired): treat it as gone.
        return instances.FirstOrDefault(i => i.InstanceId == instanceId
            && (i.InstanceId == Self || i.HttpAddress != registry.Self.HttpAddress));
    }

    private static RedisKey Key(string type, string id) => $"localdapr||actor-owner||{type}||{id}";
}
