using System.Text.Json;
using Dapr.AiProvider.Observability.Tests.Monitoring;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>The running gateway, observed as an operator would: scrapes, traces, logs and a real Prometheus.</summary>
[Collection(ObservedStackCollection.Name)]
[Trait("Category", "Process")]
public sealed class ObservabilityEndToEndTests(ObservedStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RouterScrape_AfterTraffic_ServesTheSeedSeriesWithExactTypesAndLabels()
    {
        var traffic = await stack.TrafficAsync();
        using var http = new HttpClient();

        var lines = (await http.GetStringAsync(new Uri(stack.RouterUrl, "/metrics"))).Split('\n');

        Assert.Contains("# TYPE ai_provider_requests_total counter", lines);
        Assert.Contains(lines, l => l.StartsWith($"ai_provider_requests_total{{caller_app=\"none\",model=\"", StringComparison.Ordinal)
            && l.Contains($"\",provider=\"{traffic.Provider}\",status=\"200\",task_type=\"chat\"}} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE ai_provider_response_duration_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("ai_provider_response_duration_seconds_bucket{model=\"", StringComparison.Ordinal)
            && l.Contains($"\",provider=\"{traffic.Provider}\",le=\"120\"}} ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("dapr_aiprovider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuotaScrape_AfterTraffic_ServesUsageRatiosAsGauges()
    {
        var traffic = await stack.TrafficAsync();
        using var http = new HttpClient();

        var lines = (await http.GetStringAsync(new Uri(stack.QuotaUrl, "/metrics"))).Split('\n');

        Assert.Contains("# TYPE ai_provider_quota_usage_ratio gauge", lines);
        Assert.Contains(lines, l => l.StartsWith($"ai_provider_quota_usage_ratio{{provider=\"{traffic.Provider}\",quota_type=\"requests_day\"}} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE ai_provider_budget_usage_ratio gauge", lines);
        Assert.Contains(lines, l => l.StartsWith("ai_provider_budget_usage_ratio{quota_type=\"requests_day\",scope=\"global\"} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_RequestWithTraceparent_RouterAndAdaptersSpansShareTheClientsTraceId()
    {
        var traffic = await stack.TrafficAsync();

        var services = await WaitForAsync(() =>
        {
            var seen = stack.Otlp.Spans.Where(s => s.TraceId == traffic.TraceId).Select(s => s.Service).ToHashSet();
            return seen.Contains("router") && seen.Contains("provider-adapters") ? seen : null;
        });

        Assert.True(services is not null, "spans of the client's trace: " + Describe(traffic.TraceId));
        var spans = stack.Otlp.Spans.Where(s => s.TraceId == traffic.TraceId).ToList();
        // The adapters' server span hangs below a span of the router's trace, never a new root.
        Assert.All(spans.Where(s => s.Service == "provider-adapters"), s => Assert.NotEqual("", s.ParentSpanId));
        // The adapters' call to the provider (HttpClient) is in the same trace.
        Assert.Contains(spans, s => s.Service == "provider-adapters" && s.Attributes.ContainsKey("http.request.method")
            && s.Attributes.GetValueOrDefault("server.port") == stack.Ports.Simulator.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Traces_UsageOfATracedRequest_QuotaIngestionSpanLinksItsTraceAndTheLedgerRowKeepsIt()
    {
        var traffic = await stack.TrafficAsync();

        // Issue 16: router → usage event (traceparent) → pub/sub → quota's "process usage" span, linked, not parented.
        var ingest = await WaitForAsync(() => stack.Otlp.Spans.FirstOrDefault(s => s.Service == "quota" && s.Name == "process usage"
            && s.LinkedTraceIds.Contains(traffic.TraceId)));

        Assert.True(ingest is not null, "no quota ingestion span links the client's trace; quota spans: "
            + string.Join("; ", stack.Otlp.Spans.Where(s => s.Service == "quota").Select(s => s.Name).Distinct()));
        Assert.Equal("usage", ingest.Attributes["messaging.destination.name"]);
        Assert.Equal("SUCCESS", ingest.Attributes["aiprovider.topic.status"]);
        await using var ledger = new Npgsql.NpgsqlConnection(stack.Ledger.ConnectionString);
        await ledger.OpenAsync();
        await using var rows = new Npgsql.NpgsqlCommand("SELECT count(*) FROM usage_metrics WHERE trace_id = @trace AND status = 200", ledger);
        rows.Parameters.AddWithValue("trace", traffic.TraceId);
        Assert.Equal(1L, (long)(await rows.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Traces_ConfigurationWithTracingOtel_LocalSidecarsExportTheirHopsInTheClientsTrace()
    {
        var traffic = await stack.TrafficAsync();
        var routerSidecar = stack.Ports.RouterHttp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The router's sidecar received the invocation on its HTTP API port: a server span (url.path; the router's
        // own client span to that port has url.full instead), child of a span of the same trace.
        var hop = await WaitForAsync(() => stack.Otlp.Spans.FirstOrDefault(s => s.TraceId == traffic.TraceId
            && s.Attributes.GetValueOrDefault("server.port") == routerSidecar && s.Attributes.ContainsKey("url.path")));

        Assert.True(hop is not null, "no span of the router's sidecar in the client's trace: " + Describe(traffic.TraceId));
        var spanIds = stack.Otlp.Spans.Where(s => s.TraceId == traffic.TraceId).Select(s => s.SpanId).ToHashSet();
        Assert.Contains(hop.ParentSpanId, spanIds);
        Assert.DoesNotContain("url.full", hop.Attributes.Keys);
        Assert.Equal("router", hop.Service);
    }

    [Fact]
    public async Task Logs_JsonSwitch_LinesOfAFailedOverRequestCarryItsTraceIdAndNoPromptOrKey()
    {
        var traffic = await stack.TrafficAsync();

        // The failed attempt is logged (the adapters' classified failure); a plain success logs nothing.
        var lines = await WaitForAsync(() =>
        {
            var found = JsonLines().Where(l => l.Contains(traffic.FailoverTraceId, StringComparison.Ordinal)).ToList();
            return found.Count > 0 ? found : null;
        });

        Assert.True(lines is not null, "no JSON log line carries the failed-over request's trace id:\n" + Tail(stack.LauncherOutput));
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("Timestamp", out _), line);
            Assert.True(json.RootElement.TryGetProperty("Category", out _), line);
            var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traffic.FailoverTraceId);
            Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out _));
        }
        Assert.DoesNotContain(stack.LauncherOutput.Split('\n'), l => l.Contains(traffic.Prompt, StringComparison.Ordinal));
        Assert.DoesNotContain(stack.LauncherOutput.Split('\n'), l => l.Contains(ObservedStack.BootstrapKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prometheus_EveryDashboardQuery_ReturnsSeriesFromTheRunningStack()
    {
        await stack.TrafficAsync();
        var queries = MonitoringFiles.DashboardQueries("1m");
        var empty = new List<string>();

        // Scrapes run every second; counters need two samples in the window before rate() answers.
        await WaitForAsync(async () =>
        {
            empty.Clear();
            foreach (var (panel, expr) in queries)
            {
                if (await stack.Prometheus.SeriesCountAsync(expr) == 0)
                {
                    empty.Add($"{panel}: {expr}");
                }
            }
            return empty.Count == 0 ? empty : null;
        });

        Assert.True(empty.Count == 0, "queries without series:\n" + string.Join("\n", empty)
            + "\ntargets: " + await stack.Prometheus.TargetsAsync());
    }

    [Fact]
    public async Task Prometheus_EverySeriesTheAlertRulesRead_IsScrapedFromTheRunningStack()
    {
        await stack.TrafficAsync();
        var series = MonitoringFiles.Alerts(MonitoringFiles.Yaml(MonitoringFiles.RulesFile)["groups"])
            .SelectMany(a => MonitoringFiles.SeriesIn(a.Expr)).Distinct().ToList();
        var missing = new List<string>();

        await WaitForAsync(async () =>
        {
            missing.Clear();
            foreach (var name in series)
            {
                if (await stack.Prometheus.SeriesCountAsync($"count({{__name__=\"{name}\"}})") == 0)
                {
                    missing.Add(name);
                }
            }
            return missing.Count == 0 ? missing : null;
        });

        Assert.True(missing.Count == 0, "alert rules read series nobody exports: " + string.Join(", ", missing));
        using var rules = await stack.Prometheus.QueryAsync("ALERTS"); // the rules loaded and evaluate
    }

    private IEnumerable<string> JsonLines() =>
        stack.LauncherOutput.Split('\n')
            .Select(l => l.IndexOf("{\"Timestamp\"", StringComparison.Ordinal) is var i and >= 0 ? l[i..] : null)
            .OfType<string>();

    private string Describe(string traceId) =>
        string.Join("; ", stack.Otlp.Spans.Where(s => s.TraceId == traceId).Select(s => $"{s.Service}:{s.Name}"))
        + $" (all services: {string.Join(",", stack.Otlp.Spans.Select(s => s.Service).Distinct())})";

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));

    private static Task<T?> WaitForAsync<T>(Func<T?> probe) where T : class => WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found || DateTime.UtcNow > until)
            {
                return await probe();
            }
            await Task.Delay(500);
        }
    }
}
