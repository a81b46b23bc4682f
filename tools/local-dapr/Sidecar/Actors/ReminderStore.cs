using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Reminders in the shared registry Redis (daprd keeps them in its Scheduler; neither is available here):
/// hash <c>localdapr||reminders||{type}</c> (member <c>{type}||{id}||{name}</c> → <see cref="ReminderRecord"/>)
/// and sorted set <c>localdapr||reminders-due||{type}</c> scored by the next fire time (unix ms).
/// A sidecar claims a due reminder by moving its score one lease ahead, so each fire goes to one sidecar,
/// and a sidecar that dies mid-fire leaves it to be fired again when the lease passes.
/// </summary>
internal sealed class ReminderStore(IRedisConnections redis)
{
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    private const string ClaimScript =
        "local s = redis.call('ZSCORE', KEYS[1], ARGV[1]) if s and tonumber(s) <= tonumber(ARGV[2]) then " +
        "redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) return 1 end return 0";

    private IDatabase Db => redis.Registry;

    public async Task SaveAsync(ReminderRecord record, DateTimeOffset nextFire)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(DataKey(record.ActorType), record.Member, Serialize(record));
        _ = transaction.SortedSetAddAsync(DueKey(record.ActorType), record.Member, nextFire.ToUnixTimeMilliseconds());
        await transaction.ExecuteAsync();
    }

    public async Task<ReminderRecord?> GetAsync(string type, string id, string name)
    {
        var value = await Db.HashGetAsync(DataKey(type), $"{type}||{id}||{name}");
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, ActorsJsonContext.Default.ReminderRecord);
    }

    public async Task<bool> DeleteAsync(string type, string member)
    {
        var transaction = Db.CreateTransaction();
        var removed = transaction.HashDeleteAsync(DataKey(type), member);
        _ = transaction.SortedSetRemoveAsync(DueKey(type), member);
        await transaction.ExecuteAsync();
        return await removed;
    }

    /// <summary>Deletes the reminder only if it is still the registration <paramref name="version"/>.</summary>
    public async Task DeleteIfVersionAsync(ReminderRecord record)
    {
        if (await GetAsync(record.ActorType, record.ActorId, record.Name) is { } current && current.Version == record.Version)
        {
            await DeleteAsync(record.ActorType, record.Member);
        }
    }

    public async Task RescheduleIfVersionAsync(ReminderRecord record, DateTimeOffset nextFire)
    {
        if (await GetAsync(record.ActorType, record.ActorId, record.Name) is { } current && current.Version == record.Version)
        {
            await SaveAsync(record, nextFire);
        }
    }

    /// <summary>Due members of <paramref name="type"/> that this sidecar claimed.</summary>
    public async Task<List<ReminderRecord>> ClaimDueAsync(string type, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var due = await Db.SortedSetRangeByScoreAsync(DueKey(type), double.NegativeInfinity, nowMs, take: 50);
        var claimed = new List<ReminderRecord>();
        foreach (var member in due)
        {
            var won = (long)await Db.ScriptEvaluateAsync(ClaimScript, new RedisKey[] { DueKey(type) },
                new RedisValue[] { member, nowMs, nowMs + (long)ClaimLease.TotalMilliseconds }) == 1;
            if (!won)
            {
                continue;
            }
            var value = await Db.HashGetAsync(DataKey(type), member);
            if (value.IsNullOrEmpty)
            {
                await Db.SortedSetRemoveAsync(DueKey(type), member);
                continue;
            }
            claimed.Add(JsonSerializer.Deserialize((string)value!, ActorsJsonContext.Default.ReminderRecord)!);
        }
        return claimed;
    }

    private static string Serialize(ReminderRecord record) => JsonSerializer.Serialize(record, ActorsJsonContext.Default.ReminderRecord);

    private static RedisKey DataKey(string type) => $"localdapr||reminders||{type}";

    private static RedisKey DueKey(string type) => $"localdapr||reminders-due||{type}";
}
