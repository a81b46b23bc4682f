using System.Collections.Concurrent;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>
/// Counts the answers that were not 2xx by status and keeps the first body of each status, so a run whose
/// "errors" column is not zero says why (a rate limit, a budget, a failed hop) instead of only how many.
/// </summary>
internal static class FailedAnswers
{
    private static readonly ConcurrentDictionary<int, int> Counts = new();
    private static readonly ConcurrentDictionary<int, string> FirstBodies = new();

    public static async Task RecordAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        Counts.AddOrUpdate(status, 1, (_, count) => count + 1);
        if (!FirstBodies.ContainsKey(status))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            FirstBodies.TryAdd(status, body.Length > 300 ? body[..300] : body);
        }
    }

    /// <summary>Prints and clears what was counted since the last call; prints nothing when every answer was 2xx.</summary>
    public static void PrintAndClear(string after)
    {
        if (Counts.IsEmpty)
        {
            return;
        }
        Console.WriteLine($"\nanswers that were not 2xx ({after}):");
        foreach (var (status, count) in Counts.OrderBy(pair => pair.Key))
        {
            Console.WriteLine($"  {status} × {count:N0}: {FirstBodies.GetValueOrDefault(status, "")}");
        }
        Counts.Clear();
        FirstBodies.Clear();
    }
}
