using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>
/// A real Prometheus (Debian's package, installed by scripts/infra.sh) on a free port with its data in a temporary
/// directory, scraping the given targets every second.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly TestProcess _process;
    private readonly string _dir;
    private readonly HttpClient _http;

    private PrometheusServer(TestProcess process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }
    public string Output => _process.Output;

    /// <param name="targets">Job name → <c>host:port</c> serving /metrics.</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> targets, string rulesFile)
    {
        var dir = Directory.CreateTempSubdirectory("aiprovider-prometheus-").FullName;
        var jobs = string.Join("\n", targets.Select(t => $"""
              - job_name: {t.Key}
                static_configs:
                  - targets: ['{t.Value}']
            """));
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rulesFile}
            scrape_configs:
            {jobs}
            """);
        var port = FreePort.Next();
        var process = TestProcess.Start("prometheus", "prometheus",
            ["--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"),
             "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)], workingDirectory: dir);
        var url = new Uri($"http://127.0.0.1:{port}");
        await process.WaitForHttpAsync(new Uri(url, "/-/ready").ToString(), TimeSpan.FromSeconds(60));
        return new PrometheusServer(process, dir, url);
    }

    /// <summary>An instant query; the number of series in its result (vector) or 1 for a scalar.</summary>
    public async Task<int> SeriesCountAsync(string expr)
    {
        using var json = await QueryAsync(expr);
        var data = json.RootElement.GetProperty("data");
        return data.GetProperty("resultType").GetString() == "vector" ? data.GetProperty("result").GetArrayLength() : 1;
    }

    public async Task<JsonDocument> QueryAsync(string expr)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expr));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Prometheus refused '{expr}': {body}");
        }
        return JsonDocument.Parse(body);
    }

    /// <summary>The health of every scrape target (job → "up"/"down" with its last error).</summary>
    public async Task<string> TargetsAsync()
    {
        using var json = await _http.GetFromJsonAsync<JsonDocument>("/api/v1/targets");
        return string.Join("; ", json!.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => $"{t.GetProperty("labels").GetProperty("job").GetString()}={t.GetProperty("health").GetString()} {t.GetProperty("lastError").GetString()}"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
