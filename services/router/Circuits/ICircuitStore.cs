namespace Dapr.AiProvider.Router.Circuits;

/// <summary>The shared store of breaker states (the Dapr state store in production).</summary>
internal interface ICircuitStore
{
    Task<StoredCircuit> GetAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, StoredCircuit>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Writes only when the stored ETag still equals <paramref name="etag"/> (null = key must not exist).</summary>
    Task<bool> TrySaveAsync(string key, CircuitState state, string? etag, CancellationToken cancellationToken);
}
