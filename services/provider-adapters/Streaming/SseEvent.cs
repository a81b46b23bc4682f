namespace Dapr.AiProvider.ProviderAdapters.Streaming;

/// <summary>One server-sent event: its <c>event:</c> name (null = message) and its joined <c>data:</c> lines.</summary>
internal readonly record struct SseEvent(string? Event, string Data);
