namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>The scripted faults, consumed in the order they were added (thread-safe).</summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private int _nextId;

    public FaultRule Add(string provider, string? model, FaultKind fault, int? count, double? retryAfterSeconds)
    {
        lock (_gate)
        {
            var rule = new FaultRule("f" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                provider, model, fault, count, retryAfterSeconds);
            _rules.Add(rule);
            return rule;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }

    /// <summary>The first rule matching the call, with one use taken from it (removed when used up).</summary>
    public FaultRule? TryTake(string provider, string model)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(provider, model))
                {
                    continue;
                }
                if (rule.Remaining is int left)
                {
                    if (left <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = rule with { Remaining = left - 1 };
                    }
                }
                return rule;
            }
            return null;
        }
    }
}
