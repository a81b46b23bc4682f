using System.Collections.Concurrent;
using Dapr.AiProvider.ProviderSimulator.Limits;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>
/// Counts of received chat requests per provider and model (for tests asserting who was called), and the tokens the
/// answers produced (for tests comparing what a gateway charged with what the provider would bill).
/// </summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Provider, string Model), int> _counts = new();
    private readonly ConcurrentDictionary<(string Provider, string Model), int> _rateLimited = new();
    private readonly ConcurrentDictionary<(string Provider, string Model), ProducedTokens> _produced = new();
    private readonly ConcurrentDictionary<string, TaggedAnswer> _tagged = new(StringComparer.Ordinal);

    public void Record(string provider, string model) =>
        _counts.AddOrUpdate((provider, model), 1, static (_, n) => n + 1);

    /// <summary>A request the free-tier limiter refused with the provider's 429.</summary>
    /// <param name="lateBy">How long after its lease deadline it arrived (negative: before), when the gateway sent one.</param>
    /// <param name="hit">The window that refused it (described for a refusal that arrived in its lease).</param>
    public void RecordRateLimited(string provider, string model, TimeSpan? lateBy, LimitHit hit)
    {
        _rateLimited.AddOrUpdate((provider, model), 1, static (_, n) => n + 1);
        lock (_leases)
        {
            _leases.Refused(provider, model, lateBy, hit);
        }
    }

    /// <summary>A request that carried the gateway's lease deadline (<c>x-aiprovider-send-by</c>), refused or not.</summary>
    public void RecordLeased(TimeSpan lateBy)
    {
        lock (_leases)
        {
            _leases.Arrived(lateBy);
        }
    }

    public LeaseArrivals LeaseSnapshot()
    {
        lock (_leases)
        {
            return _leases.Snapshot();
        }
    }

    private readonly LeaseTally _leases = new();

    /// <summary>
    /// An answer that was generated: <paramref name="complete"/> when it reached its end (its usage report says these
    /// figures), else a stream that stopped early (the client left, or a stream fault) with the output written so far.
    /// </summary>
    /// <param name="tag">The request's <c>[[sim:tag=ID]]</c>: its answer is also listed on its own.</param>
    public void RecordProduced(string provider, string model, bool complete, int promptTokens, int outputTokens, string? tag = null)
    {
        _produced.AddOrUpdate((provider, model),
            _ => ProducedTokens.Empty.Add(complete, promptTokens, outputTokens),
            (_, sum) => sum.Add(complete, promptTokens, outputTokens));
        if (tag is not null)
        {
            _tagged[tag] = new TaggedAnswer(provider, model, complete, promptTokens, outputTokens);
        }
    }

    public IReadOnlyDictionary<string, TaggedAnswer> TaggedSnapshot() => new SortedDictionary<string, TaggedAnswer>(_tagged, StringComparer.Ordinal);

    public void Clear()
    {
        _counts.Clear();
        _rateLimited.Clear();
        lock (_leases)
        {
            _leases.Clear();
        }
        _produced.Clear();
        _tagged.Clear();
    }

    public IReadOnlyDictionary<string, Dictionary<string, ProducedTokens>> ProducedSnapshot()
    {
        var result = new SortedDictionary<string, Dictionary<string, ProducedTokens>>(StringComparer.Ordinal);
        foreach (var ((provider, model), sum) in _produced)
        {
            if (!result.TryGetValue(provider, out var models))
            {
                result[provider] = models = new Dictionary<string, ProducedTokens>(StringComparer.Ordinal);
            }
            models[model] = sum;
        }
        return result;
    }

    public IReadOnlyDictionary<string, Dictionary<string, int>> Snapshot() => Group(_counts);

    public IReadOnlyDictionary<string, Dictionary<string, int>> RateLimitedSnapshot() => Group(_rateLimited);

    private static SortedDictionary<string, Dictionary<string, int>> Group(ConcurrentDictionary<(string Provider, string Model), int> counts)
    {
        var result = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((provider, model), count) in counts)
        {
            if (!result.TryGetValue(provider, out var models))
            {
                result[provider] = models = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            models[model] = count;
        }
        return result;
    }
}

/// <summary>Arrivals against the gateway's lease deadlines (see <see cref="LeaseArrivals"/>). Not thread-safe: locked by its owner.</summary>
internal sealed class LeaseTally
{
    private int _leased;
    private int _arrivedLate;
    private int _refusedInLease;
    private int _refusedLate;
    private int _refusedUnleased;
    private double _maxRefusedLateSeconds;
    private readonly List<string> _inLease = [];
    private const int MaxDescribed = 20;

    public void Arrived(TimeSpan lateBy)
    {
        _leased++;
        _arrivedLate += lateBy > TimeSpan.Zero ? 1 : 0;
    }

    public void Refused(string provider, string model, TimeSpan? lateBy, LimitHit hit)
    {
        switch (lateBy)
        {
            case null:
                _refusedUnleased++;
                break;
            case { } late when late > TimeSpan.Zero:
                _refusedLate++;
                _maxRefusedLateSeconds = Math.Max(_maxRefusedLateSeconds, late.TotalSeconds);
                break;
            case { } early:
                _refusedInLease++;
                if (_inLease.Count < MaxDescribed)
                {
                    _inLease.Add($"{provider}/{model} {hit.Metric} per {(hit.Monthly ? "month" : hit.Daily ? "day" : "minute")} (limit {hit.Limit}, "
                        + $"used {hit.Used}, {hit.UsedLate} of the requests in it arrived after their lease), {-early.TotalSeconds:0.###} s before its deadline");
                }
                break;
        }
    }

    public LeaseArrivals Snapshot() =>
        new(_leased, _arrivedLate, _refusedInLease, _refusedLate, _refusedUnleased, Math.Round(_maxRefusedLateSeconds, 3), [.. _inLease]);

    public void Clear()
    {
        (_leased, _arrivedLate, _refusedInLease, _refusedLate, _refusedUnleased, _maxRefusedLateSeconds) = (0, 0, 0, 0, 0, 0);
        _inLease.Clear();
    }
}
