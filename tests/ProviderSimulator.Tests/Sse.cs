using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests;

/// <summary>One server-sent event as received.</summary>
public sealed record SseEvent(string? Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>Parses a whole SSE body into its events.</summary>
public static class Sse
{
    public static IReadOnlyList<SseEvent> Parse(string body)
    {
        var events = new List<SseEvent>();
        foreach (var block in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new List<string>();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line[6..]);
                }
            }
            if (data.Count > 0)
            {
                events.Add(new SseEvent(name, string.Join('\n', data)));
            }
        }
        return events;
    }
}
