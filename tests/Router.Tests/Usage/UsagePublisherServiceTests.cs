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

    private static (UsageQueue Queue, UsagePublisherService Service, RouterMetrics Metrics) Create(RecordingUsagePublisher publisher, int buffer = 100,
        int maxBatch = 1, int lingerMs = 0, IMeterFactory? meters = null)
    {
        var options = MsOptions.Create(new RouterOptions { BootstrapKey = "test-bootstrap-key" });
        options.Value.Usage.BufferSize = buffer;
        options.Value.Usage.MaxBatch = maxBatch;
        options.Value.Usage.LingerMilliseconds = lingerMs;
        options.Value.Usage.MaxBackoffMilliseconds = 50;
        var metrics = new RouterMetrics(meters ?? new MeterFactory());
        var queue = new UsageQueue(options, metrics);
        return (queue, new UsagePublisherService(queue, publisher, options, TimeProvider.System, metrics, NullLogger<UsagePublisherService>.Instance), metrics);
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
