using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>A provider stream that produced its first content (or ended cleanly without any): from
/// here on the router never switches provider. <see cref="Prefix"/> holds the events held back so far.</summary>
internal sealed record CommittedStream(IBackendStream Stream, IReadOnlyList<BackendStreamEvent> Prefix, bool Finished);
