using Dapr.Actors.Runtime;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Policy;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>
/// One actor per quota scope (id = <see cref="QuotaScopes"/> format). Thin: loads its <see cref="QuotaState"/>,
/// lets <see cref="QuotaPolicy"/> decide, saves, schedules the next window reset as a reminder, raises alerts.
/// Turn-based, so concurrent grants from many router replicas never exceed a hard limit.
/// </summary>
[Actor(TypeName = DaprNames.Actors.Quota)]
internal sealed partial class QuotaActor(ActorHost host, QuotaPolicy policy, IQuotaLimitStore limitStore,
    IQuotaAlertSink alertSink, QuotaMetrics metrics, TimeProvider time) : Actor(host), IQuotaActor, IRemindable
{
    public const string StateKey = "quota";
    public const string ResetReminder = "window-reset";

    private string Scope => QuotaActorIds.ScopeOf(Id);

    public async Task<LeaseGrant> AcquireLeaseAsync(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await LoadAsync();
        var alerts = request.Settle is { } previous ? policy.Settle(state, Scope, previous) : [];
        var grant = policy.Acquire(state, request);
        await SaveAsync(state);
        foreach (var alert in alerts)
        {
            await alertSink.RaiseAsync(alert, CancellationToken.None);
        }
        return grant;
    }

    public async Task SettleLeaseAsync(LeaseSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var state = await LoadAsync();
        var alerts = policy.Settle(state, Scope, settlement);
        await SaveAsync(state);
        foreach (var alert in alerts)
        {
            await alertSink.RaiseAsync(alert, CancellationToken.None);
        }
    }

    public async Task<QuotaStatus> GetStatusAsync()
    {
        var state = await LoadAsync();
        if (policy.Refresh(state))
        {
            await SaveAsync(state);
        }
        return policy.Status(state, Scope);
    }

    public async Task SetLimitsAsync(QuotaLimits limits)
    {
        QuotaLimitsValidator.ThrowIfInvalid(limits);
        await limitStore.SaveAsync(Scope, limits, CancellationToken.None);
        var state = await LoadAsync();
        policy.SetLimits(state, limits);
        await SaveAsync(state);
        Log.LimitsSet(Logger, Scope, limits.Rules.Count);
    }

    public async Task LearnLimitsAsync(QuotaLimits stated)
    {
        QuotaLimitsValidator.ThrowIfInvalid(stated);
        var state = await LoadAsync();
        if (policy.Learn(state, stated))
        {
            await SaveAsync(state);
            Log.Learned(Logger, Scope, string.Join(", ", stated.Rules.Select(r => $"{r.Limit} {QuotaNames.QuotaType(r)}")));
        }
    }

    public async Task BenchAsync(BenchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await LoadAsync();
        policy.Bench(state, request);
        await SaveAsync(state);
        Log.Benched(Logger, Scope, request.Until);
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var current = await LoadAsync();
        current.ReminderDueAt = null; // this one-shot reminder has fired
        policy.Refresh(current);
        await SaveAsync(current);
    }

    private async Task<QuotaState> LoadAsync()
    {
        var stored = await StateManager.TryGetStateAsync<QuotaState>(StateKey, CancellationToken.None);
        if (stored.HasValue)
        {
            return stored.Value;
        }
        // No state (new scope, or state lost): the durable copy of the limits decides.
        var limits = await limitStore.LoadAsync(Scope, CancellationToken.None);
        if (limits is not null)
        {
            Log.LimitsRestored(Logger, Scope, limits.Rules.Count);
        }
        return policy.Create(limits ?? new QuotaLimits());
    }

    private async Task SaveAsync(QuotaState state)
    {
        await ScheduleResetAsync(state);
        await StateManager.SetStateAsync(StateKey, state, CancellationToken.None);
        await StateManager.SaveStateAsync(CancellationToken.None);
        foreach (var (quotaType, ratio) in policy.Ratios(state))
        {
            metrics.SetUsageRatio(Scope, quotaType, ratio);
        }
    }

    /// <summary>One one-shot reminder at the next window end / lease expiry / bench end; windows also roll lazily on access.</summary>
    private async Task ScheduleResetAsync(QuotaState state)
    {
        var next = policy.NextChange(state);
        if (next == state.ReminderDueAt)
        {
            return;
        }
        try
        {
            if (next is { } due)
            {
                var delay = due - time.GetUtcNow();
                await RegisterReminderAsync(ResetReminder, null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, TimeSpan.FromMilliseconds(-1));
            }
            else
            {
                await UnregisterReminderAsync(ResetReminder);
            }
            state.ReminderDueAt = next;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReminderFailed(Logger, Scope, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Quota limits of {Scope} set ({Rules} rules)")]
        public static partial void LimitsSet(ILogger logger, string scope, int rules);

        [LoggerMessage(2, LogLevel.Information, "Quota scope {Scope} benched until {Until}")]
        public static partial void Benched(ILogger logger, string scope, DateTimeOffset until);

        [LoggerMessage(3, LogLevel.Information, "Quota limits of {Scope} restored from the ledger ({Rules} rules)")]
        public static partial void LimitsRestored(ILogger logger, string scope, int rules);

        [LoggerMessage(5, LogLevel.Information, "Quota scope {Scope} learned the provider's stated limits: {Limits}")]
        public static partial void Learned(ILogger logger, string scope, string limits);

        [LoggerMessage(4, LogLevel.Warning, "Reset reminder for {Scope} not scheduled ({Error}); windows still roll on access")]
        public static partial void ReminderFailed(ILogger logger, string scope, string error);
    }
}
