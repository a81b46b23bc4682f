using System.Diagnostics.Metrics;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>The routing, circuit and failover objects wired by hand over fakes and a fake clock.</summary>
internal sealed class Harness
{
    public Harness(Action<RouterOptions>? configure = null, InMemoryCircuitStore? store = null, FakeTimeProvider? time = null)
    {
        var options = new RouterOptions { BootstrapKey = "test-bootstrap-key" };
        new RouterOptionsDefaults().PostConfigure(null, options);
        options.RetryBackoffMilliseconds = 0; // no pauses on the fake clock unless a test asks for them
        configure?.Invoke(options);
        Options = options;
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryCircuitStore();
        var wrapped = MsOptions.Create(options);
        Metrics = new RouterMetrics(new TestMeterFactory());
        Circuits = new CircuitBreakerRegistry(Store, wrapped, Time, Metrics, NullLogger<CircuitBreakerRegistry>.Instance);
        Coordinator = new CooldownCoordinator(Cooldowns, Notifier, wrapped, Time, new TestLifetime(), NullLogger<CooldownCoordinator>.Instance);
        Windows = new ProviderWindowGuard(Leases, wrapped, Time);
        Ordering = new CandidateOrdering(wrapped, Latency, InFlight, new Random(7), Windows);
        Engine = new RoutingEngine(wrapped, new CandidateHealth(Cooldowns, Circuits, Windows), Ordering, new ModelResolver(wrapped));
        Attempts = new AttemptSink(Circuits, Coordinator, Latency, Health, Metrics, Time, NullLogger<AttemptSink>.Instance);
        Failover = new FailoverExecutor(Circuits, Attempts, InFlight, wrapped, Time);
        Catalog = CatalogSnapshot.Build(TestCatalog.Default(), Time.GetUtcNow(), out _);
    }

    public RouterOptions Options { get; }
    public FakeTimeProvider Time { get; }
    public InMemoryCircuitStore Store { get; }
    public FakeCooldownNotifier Notifier { get; } = new();
    public ProviderCooldowns Cooldowns { get; } = new();
    public FakeLeaseSource Leases { get; } = new();
    public ProviderWindowGuard Windows { get; }
    public LatencyTracker Latency { get; } = new();
    public InFlightTracker InFlight { get; } = new();
    public Router.Health.ProviderHealthTracker Health { get; } = new();
    public RouterMetrics Metrics { get; }
    public CircuitBreakerRegistry Circuits { get; }
    public CooldownCoordinator Coordinator { get; }
    public CandidateOrdering Ordering { get; }
    public RoutingEngine Engine { get; }
    public AttemptSink Attempts { get; }
    public FailoverExecutor Failover { get; }
    public CatalogSnapshot Catalog { get; set; }

    public RoutePlan Plan(RouteQuery query) => Engine.Plan(query, Catalog, Time.GetUtcNow());

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
