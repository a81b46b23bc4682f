using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Tests.Fakes;
using Dapr.AiProvider.Router.Usage;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Usage;

public class UsagePublisherServiceTests
{
    private sealed class MeterFactory : IMeterFactory
    {
        /// <summary>Scoped to this factory, as the host's factory does, so a <see cref="MetricCollector{T}"/> can find the meter.</summary>
        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            return new(options);
        }

        public void Dispose()
        {
        }
    }

    private static (UsageQueue Queue, UsagePublisherService Service, RouterMetrics Metrics) Create(IUsagePublisher publisher, int buffer = 100,
        int maxBatch = 1, int lingerMs = 0, IMeterFactory? meters = null, TimeProvider? time = null)
    {
        var options = MsOptions.Create(new RouterOptions { BootstrapKey = "test-bootstrap-key" });
        options.Value.Usage.BufferSize = buffer;
        options.Value.Usage.MaxBatch = maxBatch;
        options.Value.Usage.LingerMilliseconds = lingerMs;
        options.Value.Usage.MaxBackoffMilliseconds = 50;
        var metrics = new RouterMetrics(meters ?? new MeterFactory());
        var queue = new UsageQueue(options, metrics);
        return (queue, new UsagePublisherService(queue, publisher, options, time ?? TimeProvider.System, metrics, NullLogger<UsagePublisherService>.Instance), metrics);
    }

    [Fact]
    public async Task Publisher_BrokerBlip_RetriesAndLosesNothing()
    {
        var publisher = new RecordingUsagePublisher();
        publisher.FailNext(5);
        var (queue, service, _) = Create(publisher);
        await service.StartAsync(default);

        for (var i = 0; i < 20; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }
        for (var i = 0; i < 100 && Volatile.Read(ref publisher.Attempts) == 0; i++)
        {
            await Task.Delay(10);
        }
        await service.StopAsync(default); // shutdown while the broker is still failing: the flush must drain the rest

        Assert.Equal(20, publisher.Published.Count);
        // Several publishers drain the queue, so order is not kept (quota does not need it); nothing is missing or doubled.
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i}").Order(StringComparer.Ordinal),
            publisher.Published.Select(u => u.RequestId).Order(StringComparer.Ordinal));
        Assert.True(publisher.Attempts >= 25);
    }

    /// <summary>A publisher that holds every publish until the test opens it.</summary>
    private sealed class GatedPublisher : IUsagePublisher
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public System.Collections.Concurrent.ConcurrentQueue<string> Published { get; } = new();
        public int Calls;

        public async Task PublishAsync(IReadOnlyList<UsageRecorded> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Open.Task.WaitAsync(cancellationToken);
            foreach (var usage in events)
            {
                Published.Enqueue(usage.RequestId);
            }
        }
    }

    /// <summary>
    /// The gap of issue 19: the web server's drain used the host's whole shutdown timeout, so the host's token is already
    /// cancelled when the publisher stops. The flush still runs to its end on its own window.
    /// </summary>
    [Fact]
    public async Task Stop_HostTimeoutAlreadySpentByTheDrain_StillFlushesEveryQueuedEvent()
    {
        var publisher = new GatedPublisher();
        var (queue, service, _) = Create(publisher, maxBatch: 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }
        await service.StartAsync(default);
        // ExecuteAsync runs on the thread pool (.NET 10): stop once it is publishing, as a host would.
        for (var i = 0; i < 500 && Volatile.Read(ref publisher.Calls) == 0; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(publisher.Calls > 0, "the publisher never started");

        var stop = service.StopAsync(new CancellationToken(canceled: true));

        Assert.False(stop.IsCompleted); // it waits for the flush, not for the host's spent timeout
        publisher.Open.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], publisher.Published.Order(StringComparer.Ordinal));
    }

    /// <summary>Events in a batch still being retried when the flush window ends are counted as dropped with the queued rest.</summary>
    [Fact]
    public async Task Stop_BrokerDownForTheWholeFlushWindow_CountsTheBatchInHandAsDropped()
    {
        using var meters = new MeterFactory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var publisher = new RecordingUsagePublisher();
        publisher.FailNext(int.MaxValue);
        var (queue, service, metrics) = Create(publisher, maxBatch: 10, meters: meters, time: time);
        using var dropped = new MetricCollector<long>(meters, RouterMetrics.MeterName, "ai_provider_usage_events_dropped");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }
        await service.StartAsync(default);
        for (var i = 0; i < 500 && Volatile.Read(ref publisher.Attempts) == 0; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(publisher.Attempts > 0, "the batch was never taken");

        var stop = service.StopAsync(default);
        time.Advance(TimeSpan.FromSeconds(11)); // past Router:Usage:ShutdownFlushSeconds (10)
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(publisher.Published);
        Assert.Equal(3, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        GC.KeepAlive(metrics);
    }

    [Fact]
    public void Enqueue_BufferFull_DropsAndCounts()
    {
        using var meters = new MeterFactory();
        var (queue, _, metrics) = Create(new RecordingUsagePublisher(), buffer: 2, meters: meters);
        using var dropped = new MetricCollector<long>(meters, RouterMetrics.MeterName, "ai_provider_usage_events_dropped");

        var results = Enumerable.Range(0, 3).Select(i => queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" })).ToArray();

        Assert.Equal([true, true, false], results);
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        GC.KeepAlive(metrics);
    }

    [Fact]
    public async Task Publisher_Backlog_GoesOutInBatchesOfAtMostMaxBatch()
    {
        var publisher = new RecordingUsagePublisher();
        var (queue, service, _) = Create(publisher, buffer: 1_000, maxBatch: 50);
        for (var i = 0; i < 400; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }

        await service.StartAsync(default);
        for (var i = 0; i < 200 && publisher.Published.Count < 400; i++)
        {
            await Task.Delay(10);
        }
        await service.StopAsync(default);

        Assert.Equal(400, publisher.Published.Select(u => u.RequestId).Distinct().Count());
        Assert.All(publisher.Batches, size => Assert.InRange(size, 1, 50));
        Assert.True(publisher.Batches.Count <= 20, $"{publisher.Batches.Count} publishes for a backlog of 400"); // 8 full batches plus stragglers
    }

    [Fact]
    public async Task Publisher_Linger_EventsArrivingTogetherShareOnePublish()
    {
        var publisher = new RecordingUsagePublisher();
        var (queue, service, _) = Create(publisher, buffer: 1_000, maxBatch: 100, lingerMs: 1_000);
        await service.StartAsync(default);

        // Without a linger the first event would go out alone during the pause; with it, all ten share a publish.
        Assert.True(queue.Enqueue(new UsageRecorded { RequestId = "r0" }));
        await Task.Delay(50);
        Assert.Empty(publisher.Batches);
        for (var i = 1; i < 10; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }
        for (var i = 0; i < 500 && publisher.Published.Count < 10; i++)
        {
            await Task.Delay(10);
        }
        await service.StopAsync(default);

        Assert.Equal(10, publisher.Published.Count);
        Assert.Equal([10], publisher.Batches);
    }

    [Fact]
    public async Task Publisher_Linger_FullBatchGoesOutWithoutWaiting()
    {
        var publisher = new RecordingUsagePublisher();
        var (queue, service, _) = Create(publisher, buffer: 1_000, maxBatch: 20, lingerMs: 5_000);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(queue.Enqueue(new UsageRecorded { RequestId = $"r{i}" }));
        }

        await service.StartAsync(default);
        for (var i = 0; i < 200 && publisher.Published.Count < 20; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(20, publisher.Published.Count); // a five-second linger never started: the batch was already full
        await service.StopAsync(default);
    }
}
