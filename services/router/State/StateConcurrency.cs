namespace Dapr.AiProvider.Router.State;

/// <summary>ETag-guarded writes to <c>statestore</c>, as every shared router record (circuits, health, limits) does them: first write
/// wins (a save with a stale ETag fails, and the caller reads again; <see cref="SidecarState.TrySaveAsync{T}"/>).</summary>
internal static class StateConcurrency
{
    /// <summary>Redis state ETags are versions; "0" means "the key must not exist yet".</summary>
    public const string AbsentETag = "0";

    /// <summary>The ETag to save with: the one read, or "must not exist" when the key was absent.</summary>
    public static string ETagFor(string? etagRead) => string.IsNullOrEmpty(etagRead) ? AbsentETag : etagRead;
}
