using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>
/// Closed-loop load from <c>wrk</c> (Debian's package), when it is on PATH: a lean C client, so that the figure measures
/// the server rather than the .NET client sharing its cores (users' clients do not run on the gateway's cores).
/// A Lua script sets the request and checks every answer (status, one response header, a JSON object's last byte);
/// its <c>done</c> hook prints one line of figures, the client's own CPU time included, which <see cref="Parse"/> reads.
/// </summary>
internal static class WrkLoad
{
    /// <summary>
    /// The wrk a scenario loads with: the one on PATH, unless <c>AIPROVIDER_BENCH_WRK=0</c> asks for the benchmark's .NET
    /// client; null for that client.
    /// </summary>
    public static string? Chosen() => Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_WRK") == "0" ? null : Find();

    /// <summary>The wrk executable on PATH, or null (then the caller keeps its .NET client).</summary>
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "wrk");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Where a body passed to <see cref="RunAsync"/> holds this marker, every request gets its own text in its place
    /// (<c>t{thread}-{n}</c>: wrk's thread and that thread's count), so no two bodies are alike (no cache answers them).
    /// </summary>
    public const string Counter = "@@n@@";

    /// <summary>
    /// POSTs <paramref name="body"/> to <paramref name="url"/> from <paramref name="connections"/> connections for
    /// <paramref name="seconds"/> (whole seconds: wrk's unit). An answer counts as an error unless its status is 200, its
    /// <paramref name="checkedHeader"/> (when one is named) is <paramref name="expectedValue"/> and its body ends with
    /// <c>}</c> (wrk itself reads exactly the declared <c>Content-Length</c>). A body with <see cref="Counter"/> in it
    /// is a template: each request fills it anew.
    /// </summary>
    public static async Task<WrkResult> RunAsync(string wrk, Uri url, string body, IReadOnlyDictionary<string, string> headers,
        string? checkedHeader, string? expectedValue, int connections, int threads, double seconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"aiprovider-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(body, headers, checkedHeader, expectedValue), cancellationToken);
        try
        {
            var info = new ProcessStartInfo(wrk,
            [
                "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture)}s", "-s", script, url.ToString(),
            ]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{wrk} did not start");
            await using var _ = cancellationToken.Register(() => { try { process.Kill(); } catch (InvalidOperationException) { } });
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var output = await stdout;
            return process.ExitCode == 0 && Parse(output) is { } result
                ? result
                : throw new InvalidOperationException($"wrk exited with {process.ExitCode} and no figures: {output} {await stderr}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The Lua script. Each wrk thread has its own Lua state, so <c>done</c> sums the threads' counters; <c>setup</c> numbers
    /// the threads (a template's text names its thread). With no header to check, <c>checked</c> is nil and the header test passes.
    /// </summary>
    internal static string Script(string body, IReadOnlyDictionary<string, string> headers, string? checkedHeader, string? expectedValue)
    {
        var lua = new StringBuilder();
        lua.Append("wrk.method = \"POST\"\n");
        var marker = body.IndexOf(Counter, StringComparison.Ordinal);
        lua.Append("wrk.body = ").Append(LuaString(marker < 0 ? body : body.Replace(Counter, "t0-0", StringComparison.Ordinal))).Append('\n');
        foreach (var (name, value) in headers)
        {
            lua.Append("wrk.headers[").Append(LuaString(name)).Append("] = ").Append(LuaString(value)).Append('\n');
        }
        lua.Append("local checked, expected = ").Append(checkedHeader is null ? "nil" : LuaString(checkedHeader)).Append(", ")
            .Append(expectedValue is null ? "nil" : LuaString(expectedValue)).Append('\n');
        if (marker >= 0)
        {
            lua.Append("local before, after = ").Append(LuaString(body[..marker])).Append(", ")
                .Append(LuaString(body[(marker + Counter.Length)..])).Append('\n');
            lua.Append("""
                function request()
                  sent = sent + 1
                  return wrk.format(nil, nil, nil, before .. "t" .. thread_number .. "-" .. sent .. after)
                end

                """);
        }
        lua.Append("""
            local threads = {}
            function setup(thread) table.insert(threads, thread); thread:set("thread_number", #threads) end
            function init(args) wrong = 0; sent = 0 end
            function response(status, headers, body)
              if status ~= 200 or (checked and headers[checked] ~= expected) or body:sub(-1) ~= "}" then wrong = wrong + 1 end
            end
            function done(summary, latency, requests)
              local wrong = 0
              for _, thread in ipairs(threads) do wrong = wrong + thread:get("wrong") end
              local e = summary.errors
              io.write(string.format(
                "wrk-figures requests=%.0f duration_us=%.0f wrong=%.0f socket_errors=%.0f p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f cpu_us=%.0f\n",
                summary.requests, summary.duration, wrong, e.connect + e.read + e.write + e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, os.clock() * 1e6))
            end

            """);
        return lua.ToString();
    }

    /// <summary>The figures of the <c>done</c> line; null when wrk printed none.</summary>
    internal static WrkResult? Parse(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("wrk-figures ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }
        var figures = line["wrk-figures ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        double Ms(string name) => figures[name] / 1000.0;
        var requests = figures["requests"];
        var wrong = figures["wrong"];
        var run = new RunResult("wrk", (int)(requests - wrong), (int)(wrong + figures["socket_errors"]),
            TimeSpan.FromMicroseconds(figures["duration_us"]), Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us"));
        return new WrkResult(run, figures["cpu_us"]);
    }

    /// <summary>A quoted Lua string: backslash, quote and control characters escaped (<c>\ddd</c>, three digits so a digit after it stays text).</summary>
    private static string LuaString(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' or '"' => quoted.Append('\\').Append(c),
                < ' ' => quoted.Append('\\').Append(((int)c).ToString("000", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }
        return quoted.Append('"').ToString();
    }
}

/// <param name="Run">Answers that passed the check (count), the others and socket errors (errors), latency from wrk's histogram.</param>
/// <param name="CpuMicroseconds">wrk's own CPU time over its whole life (Lua's <c>os.clock</c>: glibc's <c>clock()</c>, the process's CPU time, all threads).</param>
internal sealed record WrkResult(RunResult Run, long CpuMicroseconds);
