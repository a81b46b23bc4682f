using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Hosting;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>Disabled providers under <c>admin:disabled-providers</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprProviderSwitchStore(DaprClient dapr) : IProviderSwitchStore
{
    private const string Key = StateKeys.DisabledProviders;

    public async Task<(IReadOnlyList<string> Disabled, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<string[]?>(DaprNames.StateStore, Key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return (value ?? [], string.IsNullOrEmpty(etag) ? null : etag);
    }

    public Task<bool> TrySaveAsync(IReadOnlyList<string> disabled, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, Key, disabled.ToArray(), StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite, cancellationToken: cancellationToken);
}
