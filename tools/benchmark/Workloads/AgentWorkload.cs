using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dapr.AiProvider.Benchmark.Workloads;

/// <summary>One call of the day: when (time of day), who, where to and the JSON body; <paramref name="Team"/> 0 for the first team.</summary>
internal sealed record ScheduledCall(TimeSpan At, string Agent, string Path, string Body, int Team = 0);

/// <summary>
/// The agents' day (<c>Workloads/agents.jsonl</c>, composed as its README says) expanded into the calls it makes,
/// in time order. A bad line is refused with its line number, so the file stays hand-editable.
/// </summary>
internal static class AgentWorkload
{
    public const string ProcessPath = "/ai/process";
    public const string ChatPath = "/v1/chat/completions";

    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "Workloads", "agents.jsonl");

    public static IReadOnlyList<ScheduledCall> Load(string file) => Expand(File.ReadAllLines(file));

    public static IReadOnlyList<ScheduledCall> Expand(IReadOnlyList<string> lines)
    {
        var calls = new List<ScheduledCall>();
        for (var n = 0; n < lines.Count; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }
            AgentCallLine line;
            try
            {
                line = JsonSerializer.Deserialize(lines[n], WorkloadJsonContext.Default.AgentCallLine)
                    ?? throw new FormatException("null");
                calls.AddRange(Occurrences(line));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
            {
                throw new FormatException($"agents.jsonl line {n + 1}: {ex.Message}", ex);
            }
        }
        return [.. calls.OrderBy(c => c.At)];
    }

    /// <summary>How far each further team's day is shifted: teams do not run their CI at the same minute.</summary>
    public static readonly TimeSpan TeamOffset = TimeSpan.FromMinutes(7);

    /// <summary>
    /// The day of <paramref name="teams"/> teams with the same habits, each with its own key: team <c>t</c> makes the same
    /// calls <c>t</c> × <see cref="TeamOffset"/> later (calls pushed past midnight are left out), in time order.
    /// </summary>
    public static IReadOnlyList<ScheduledCall> ForTeams(IReadOnlyList<ScheduledCall> day, int teams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(teams, 1);
        var calls = new List<ScheduledCall>(day.Count * teams);
        for (var team = 0; team < teams; team++)
        {
            var shift = TeamOffset * team;
            calls.AddRange(day.Where(c => c.At + shift < TimeSpan.FromDays(1)).Select(c => c with { At = c.At + shift, Team = team }));
        }
        return [.. calls.OrderBy(c => c.At)];
    }

    private static IEnumerable<ScheduledCall> Occurrences(AgentCallLine line)
    {
        if (string.IsNullOrWhiteSpace(line.Agent))
        {
            throw new FormatException("'agent' is required");
        }
        var path = line.Endpoint switch
        {
            "process" when !string.IsNullOrWhiteSpace(line.TaskType) && line.Prompt is not null => ProcessPath,
            "process" => throw new FormatException("'process' needs 'taskType' and 'prompt'"),
            "chat" when line.Model is not null && (line.Prompt is not null || line.Messages is { Count: > 0 }) => ChatPath,
            "chat" => throw new FormatException("'chat' needs 'model' and 'prompt' or 'messages'"),
            _ => throw new FormatException($"'endpoint' must be 'process' or 'chat', not '{line.Endpoint}'"),
        };
        var first = TimeOfDay(line.At, "at");
        var last = line.Until is null ? TimeSpan.FromHours(24) - TimeSpan.FromTicks(1) : TimeOfDay(line.Until, "until");
        if (line.Every is <= 0 || last < first)
        {
            throw new FormatException("'every' must be positive and 'until' not before 'at'");
        }
        var burst = line.Values?.Count ?? line.Count ?? 1;
        var gap = TimeSpan.FromSeconds(line.Gap ?? 2);
        var run = 1;
        for (var at = first; at <= last; at += TimeSpan.FromMinutes(line.Every ?? 0), run++)
        {
            for (var i = 0; i < burst; i++)
            {
                var value = line.Values?[i] ?? "";
                string Fill(string? text) => text?.Replace("{run}", run.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{i}", (i + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{v}", value, StringComparison.Ordinal) ?? "";
                yield return new ScheduledCall(at + gap * i, line.Agent, path, Body(line, path, Fill));
            }
            if (line.Every is null)
            {
                yield break;
            }
        }
    }

    private static string Body(AgentCallLine line, string path, Func<string?, string> fill)
    {
        var body = new JsonObject();
        if (path == ProcessPath)
        {
            body["taskType"] = line.TaskType;
            if (line.System is not null)
            {
                body["system"] = fill(line.System);
            }
            body["prompt"] = fill(line.Prompt);
            Optional(body, "maxTokens", line.MaxTokens);
        }
        else
        {
            body["model"] = line.Model;
            var messages = new JsonArray();
            foreach (var (role, content) in line.Messages ?? Messages(line))
            {
                messages.Add(new JsonObject { ["role"] = role, ["content"] = fill(content) });
            }
            body["messages"] = messages;
            Optional(body, "max_tokens", line.MaxTokens);
        }
        Optional(body, "temperature", line.Temperature);
        return body.ToJsonString();
    }

    private static IEnumerable<WorkloadMessage> Messages(AgentCallLine line)
    {
        if (line.System is not null)
        {
            yield return new WorkloadMessage("system", line.System);
        }
        yield return new WorkloadMessage("user", line.Prompt!);
    }

    private static void Optional<T>(JsonObject body, string name, T? value) where T : struct
    {
        if (value is { } set)
        {
            body[name] = JsonValue.Create(set);
        }
    }

    private static TimeSpan TimeOfDay(string text, string field) =>
        TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var at) && at < TimeSpan.FromHours(24)
            ? at : throw new FormatException($"'{field}' must be a time of day HH:mm, not '{text}'");
}
