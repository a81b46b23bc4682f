namespace Dapr.AiProvider.Router.Health;

/// <summary>The shared provider health records (the Dapr state store in production).</summary>
internal interface IProviderHealthStore
{
    Task<StoredProviderHealth> GetAsync(string provider, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProviderHealth>> GetManyAsync(IReadOnlyList<string> providers, CancellationToken cancellationToken);

    /// <summary>Writes only when the stored ETag still equals <paramref name="etag"/> (null = must not exist yet).</summary>
    Task<bool> TrySaveAsync(ProviderHealth health, string? etag, CancellationToken cancellationToken);
}
