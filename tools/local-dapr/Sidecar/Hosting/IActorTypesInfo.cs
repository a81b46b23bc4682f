namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// Optional seam for the actors feature: register an implementation in DI and <c>/v1.0/metadata</c>
/// (and gRPC GetMetadata) list the hosted actor types with their active instance counts.
/// </summary>
public interface IActorTypesInfo
{
    /// <summary>Actor type → number of active instances on this sidecar.</summary>
    IReadOnlyDictionary<string, int> ActiveActorCounts();
}
