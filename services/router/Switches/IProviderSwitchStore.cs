using Dapr.AiProvider.Router.Admin;
namespace Dapr.AiProvider.Router.Switches;

/// <summary>The shared set of providers an admin switched off (the Dapr state store in production).</summary>
public interface IProviderSwitchStore
{
    Task<(IReadOnlyList<string> Disabled, string? ETag)> GetAsync(CancellationToken cancellationToken);

    /// <summary>Writes only when the stored ETag still equals <paramref name="etag"/> (null = must not exist).</summary>
    Task<bool> TrySaveAsync(IReadOnlyList<string> disabled, string? etag, CancellationToken cancellationToken);
}
