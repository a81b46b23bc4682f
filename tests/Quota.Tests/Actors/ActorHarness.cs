using System.Diagnostics.Metrics;
using Dapr.Actors;
using Dapr.Actors.Runtime;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Dapr.AiProvider.Quota.Tests.Actors;

/// <summary>A <see cref="QuotaActor"/> built with <c>ActorHost.CreateForTest</c>, a mocked state manager backed by one slot, and mocked ports.</summary>
internal sealed class ActorHarness
{
    public ActorHarness(string scope, DateTimeOffset now)
    {
        Time = new FakeTimeProvider(now);
        var host = ActorHost.CreateForTest<QuotaActor>(new ActorTestOptions
        {
            ActorId = new ActorId(scope),
            TimerManager = Timers.Object,
        });
        Timers.Setup(t => t.RegisterReminderAsync(It.IsAny<ActorReminder>())).Returns(Task.CompletedTask);
        Timers.Setup(t => t.UnregisterReminderAsync(It.IsAny<ActorReminderToken>())).Returns(Task.CompletedTask);

        State.Setup(s => s.TryGetStateAsync<QuotaState>(QuotaActor.StateKey, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Stored is null ? new ConditionalValue<QuotaState>() : new ConditionalValue<QuotaState>(true, Stored));
        State.Setup(s => s.SetStateAsync(QuotaActor.StateKey, It.IsAny<QuotaState>(), It.IsAny<CancellationToken>()))
            .Callback<string, QuotaState, CancellationToken>((_, value, _) => Stored = value)
            .Returns(Task.CompletedTask);
        State.Setup(s => s.SaveStateAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        Store.Setup(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<QuotaLimits>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Alerts.Setup(a => a.RaiseAsync(It.IsAny<QuotaAlertRaised>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        Metrics = new QuotaMetrics(meters);
        var policy = new QuotaPolicy(Time, Options.Create(new QuotaPolicyOptions { LeaseDuration = TimeSpan.FromSeconds(30) }));
        Actor = new QuotaActor(host, policy, Store.Object, Alerts.Object, Metrics, Time);
        typeof(Actor).GetProperty(nameof(Dapr.Actors.Runtime.Actor.StateManager))!.SetValue(Actor, State.Object);
    }

    public FakeTimeProvider Time { get; }
    public Mock<IActorStateManager> State { get; } = new();
    public Mock<ActorTimerManager> Timers { get; } = new();
    public Mock<IQuotaLimitStore> Store { get; } = new();
    public Mock<IQuotaAlertSink> Alerts { get; } = new();
    public QuotaMetrics Metrics { get; }
    public QuotaActor Actor { get; }
    public QuotaState? Stored { get; set; }
}
