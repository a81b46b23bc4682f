using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>One binary COPY stream of generated ledger rows <c>from..to</c> (1-based, oldest first).</summary>
internal static class LedgerRowsCopy
{
    private static readonly string[] Tasks = ["chat", "code", "summarize", "extract"];
    private static readonly string[] Providers = ["openai", "openai", "anthropic", "gemini", "gemini", "huggingface"];
    private static readonly string[] Models =
        ["gpt-4o-mini", "gpt-4o", "claude-3-5-haiku-latest", "gemini-2.5-flash", "gemini-2.5-pro", "meta-llama/Llama-3.1-8B-Instruct"];
    private static readonly string[] Keys = [.. Enumerable.Range(0, 1000).Select(k => "key-" + k)];
    private static readonly string[] Teams = [.. Enumerable.Range(0, 20).Select(t => "team-" + t)];

    public static void Copy(NpgsqlDataSource ledger, int from, int to, int rows, DateTime end, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromDays(365).Ticks / rows;
        var start = end.Ticks - step * rows;
        using var connection = ledger.OpenConnection();
        using var copy = connection.BeginBinaryImport("""
            COPY usage_metrics (request_id, occurred_at, recorded_at, api_key_id, team, task_type, provider, model,
                input_tokens, cached_input_tokens, output_tokens, total_tokens, cost_micros, latency_ms, attempts, cache_hit,
                error_class, status, stream) FROM STDIN (FORMAT BINARY)
            """);
        for (var g = from; g <= to; g++)
        {
            if ((g & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var at = new DateTime(start + (g - 1) * step, DateTimeKind.Utc);
            var error = g % 50 == 0;
            copy.StartRow();
            copy.Write("gen-" + g.ToString("D9", CultureInfo.InvariantCulture), NpgsqlDbType.Text);
            copy.Write(at, NpgsqlDbType.TimestampTz);
            copy.Write(at, NpgsqlDbType.TimestampTz);
            copy.Write(Keys[g % 1000], NpgsqlDbType.Text);
            copy.Write(Teams[g % 20], NpgsqlDbType.Text);
            copy.Write(Tasks[g % 4], NpgsqlDbType.Text);
            copy.Write(Providers[g % 6], NpgsqlDbType.Text);
            copy.Write(Models[g % 6], NpgsqlDbType.Text);
            copy.Write(100 + g % 900, NpgsqlDbType.Integer);
            copy.Write(g % 5 == 0 ? 64 : 0, NpgsqlDbType.Integer);
            copy.Write(20 + g % 400, NpgsqlDbType.Integer);
            copy.Write(120 + g % 900 + g % 400, NpgsqlDbType.Integer);
            copy.Write((long)(g % 5000), NpgsqlDbType.Bigint);
            copy.Write(50.0 + g % 2000, NpgsqlDbType.Double);
            copy.Write(error ? 2 : 1, NpgsqlDbType.Integer);
            copy.Write(g % 10 == 0, NpgsqlDbType.Boolean);
            if (error)
            {
                copy.Write("rate_limited", NpgsqlDbType.Text);
            }
            else
            {
                copy.WriteNull();
            }
            copy.Write(error ? 429 : 200, NpgsqlDbType.Integer);
            copy.Write(g % 3 == 0, NpgsqlDbType.Boolean);
        }
        copy.Complete();
    }
}
