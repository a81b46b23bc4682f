using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>What the actors of one test app instance did: activations, deactivations, reminders, timers, call intervals.</summary>
public sealed class ActorEvents(string tag)
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<(string Id, DateTime Start, DateTime End)> _calls = new();

    public string Tag { get; } = tag;

    public void Add(string text) => _events.Enqueue(text);

    public void AddCall(string id, DateTime start, DateTime end) => _calls.Enqueue((id, start, end));

    public int Count(string text) => _events.Count(e => e == text);

    public IReadOnlyList<(string Id, DateTime Start, DateTime End)> Calls(string id) => _calls.Where(c => c.Id == id).ToList();

    public async Task WaitForAsync(string text, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Count(text) >= count)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Tag}: expected '{text}' x{count}, saw {Count(text)}; events: {string.Join(", ", _events)}");
    }
}
