using System.Text.Json;
using Dapr.AiProvider.Benchmark.Workloads;

namespace Dapr.AiProvider.Benchmark.Tests.Workloads;

/// <summary>The checked-in agents' day (<c>tools/benchmark/Workloads/agents.jsonl</c>) and how lines expand.</summary>
public sealed class AgentWorkloadTests
{
    private static readonly IReadOnlyList<ScheduledCall> Day = AgentWorkload.Load(AgentWorkload.DefaultFile);

    [Fact]
    public void Load_CheckedInFile_IsTheSevenAgentsDayOnBothEndpoints()
    {
        Assert.Equal(1317, Day.Count);
        Assert.Equal(["audit", "dev", "orchestrator", "pm", "qa", "release", "security"],
            Day.Select(c => c.Agent).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(Day, c => c.Path == AgentWorkload.ProcessPath);
        Assert.Contains(Day, c => c.Path == AgentWorkload.ChatPath);
        Assert.All(Day, c => Assert.InRange(c.At, TimeSpan.Zero, TimeSpan.FromDays(1)));
        Assert.Equal(Day.OrderBy(c => c.At).Select(c => c.At), Day.Select(c => c.At));
    }

    [Fact]
    public void Load_CheckedInFile_RepeatsEnoughForTheSeedsCacheTarget()
    {
        // The most the cache can serve: every call whose exact body was already sent (same key, same day).
        var repeats = Day.Count - Day.Select(c => c.Path + c.Body).Distinct(StringComparer.Ordinal).Count();
        Assert.InRange(100.0 * repeats / Day.Count, 30, 90);
    }

    [Fact]
    public void Load_CheckedInFile_SameClassificationOfTheSameDiffByTwoAgents()
    {
        var dev = Day.First(c => c.Agent == "dev" && c.Body.Contains("feat, fix, refactor", StringComparison.Ordinal));
        Assert.Contains(Day, c => c.Agent == "release" && c.Body == dev.Body);
    }

    [Fact]
    public void Expand_EveryAndBurst_FillsPlaceholdersPerOccurrenceAndCall()
    {
        var calls = AgentWorkload.Expand(
        [
            """{"agent":"qa","at":"08:00","every":30,"until":"09:00","count":2,"gap":5,"endpoint":"process","taskType":"classify","maxTokens":10,"prompt":"run {run} test {i}"}""",
        ]);

        Assert.Equal(
            [(new TimeSpan(8, 0, 0), "run 1 test 1"), (new TimeSpan(8, 0, 5), "run 1 test 2"), (new TimeSpan(8, 30, 0), "run 2 test 1"),
                (new TimeSpan(8, 30, 5), "run 2 test 2"), (new TimeSpan(9, 0, 0), "run 3 test 1"), (new TimeSpan(9, 0, 5), "run 3 test 2")],
            calls.Select(c => (c.At, Prompt(c))));
        using var body = JsonDocument.Parse(calls[0].Body);
        Assert.Equal("classify", body.RootElement.GetProperty("taskType").GetString());
        Assert.Equal(10, body.RootElement.GetProperty("maxTokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("temperature", out _));
    }

    [Fact]
    public void Expand_ChatWithValues_SendsOpenAiMessagesOncePerValue()
    {
        var calls = AgentWorkload.Expand(
        [
            """{"agent":"release","at":"16:00","values":["German","French"],"endpoint":"chat","model":"auto","temperature":0,"maxTokens":300,"system":"Translate into {v}.","prompt":"Release 4.18"}""",
        ]);

        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(AgentWorkload.ChatPath, c.Path));
        using var french = JsonDocument.Parse(calls[1].Body);
        var messages = french.RootElement.GetProperty("messages");
        Assert.Equal("Translate into French.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal(300, french.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0, french.RootElement.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void ForTeams_Three_EachTeamSevenMinutesLaterAndNothingPastMidnight()
    {
        ScheduledCall[] day = [new(new TimeSpan(8, 0, 0), "qa", AgentWorkload.ProcessPath, "a"), new(new TimeSpan(23, 50, 0), "audit", AgentWorkload.ProcessPath, "b")];

        var calls = AgentWorkload.ForTeams(day, 3);

        Assert.Equal(
            [(new TimeSpan(8, 0, 0), 0, "a"), (new TimeSpan(8, 7, 0), 1, "a"), (new TimeSpan(8, 14, 0), 2, "a"),
                (new TimeSpan(23, 50, 0), 0, "b"), (new TimeSpan(23, 57, 0), 1, "b")],
            calls.Select(c => (c.At, c.Team, c.Body)));
        Assert.Same(day[0].Body, AgentWorkload.ForTeams(day, 1)[0].Body);
        Assert.Throws<ArgumentOutOfRangeException>(() => AgentWorkload.ForTeams(day, 0));
    }

    [Theory]
    [InlineData("""{"agent":"qa","at":"8am","endpoint":"process","taskType":"classify","prompt":"x"}""", "'at' must be a time of day HH:mm")]
    [InlineData("""{"agent":"qa","at":"08:00","endpoint":"process","prompt":"x"}""", "'process' needs 'taskType' and 'prompt'")]
    [InlineData("""{"agent":"qa","at":"08:00","endpoint":"grpc","prompt":"x"}""", "'endpoint' must be 'process' or 'chat'")]
    [InlineData("""{"agent":"qa","at":"08:00","endpoint":"chat","model":"auto","prompt":"x","tempreature":0}""", "tempreature")]
    public void Expand_BadLine_NamesTheLineAndTheProblem(string line, string problem)
    {
        var error = Assert.Throws<FormatException>(() => AgentWorkload.Expand(["", line]));

        Assert.StartsWith("agents.jsonl line 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static string Prompt(ScheduledCall call)
    {
        using var body = JsonDocument.Parse(call.Body);
        return body.RootElement.GetProperty("prompt").GetString()!;
    }
}
