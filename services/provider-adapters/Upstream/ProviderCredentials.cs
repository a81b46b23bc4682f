using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// Resolves an account's credential: its secret from <see cref="IProviderKeySource"/> (the simulator key in
/// simulator mode), exchanged for a Copilot token where the family needs one. No secret configured = no key.
/// </summary>
internal sealed class ProviderCredentials(
    IProviderKeySource keys, IOptions<ProvidersOptions> options, CopilotTokenExchange copilot, IHttpClientFactory httpFactory)
{
    public async ValueTask<Credential> GetAsync(ProviderAccount account, bool refresh, CancellationToken cancellationToken)
    {
        if (account.ApiKeySecret is null)
        {
            return options.Value.SimulatorMode
                ? new Credential(true, options.Value.SimulatorKey, false)
                : new Credential(true, null, false);
        }
        var key = refresh
            ? await keys.RefreshAsync(account.ApiKeySecret, cancellationToken)
            : await keys.GetAsync(account.ApiKeySecret, cancellationToken);
        if (string.IsNullOrEmpty(key))
        {
            return Credential.Unavailable;
        }
        if (account.Family != ProviderFamilies.Copilot || options.Value.SimulatorMode)
        {
            return new Credential(true, key, true);
        }
        var exchangeUri = account.TokenExchangeUri ?? CopilotTokenExchange.DefaultExchangeUri;
        if (refresh)
        {
            copilot.Forget(exchangeUri, key);
        }
        var token = await copilot.GetTokenAsync(httpFactory.CreateClient(account.HttpClientName), exchangeUri, key, cancellationToken);
        return token is null ? Credential.Unavailable : new Credential(true, token, true);
    }

    /// <summary>Whether the account can be called now (for the catalog).</summary>
    public async ValueTask<bool> IsAvailableAsync(ProviderAccount account, CancellationToken cancellationToken)
    {
        if (account.ApiKeySecret is null)
        {
            return true;
        }
        var key = await keys.GetAsync(account.ApiKeySecret, cancellationToken);
        return !string.IsNullOrEmpty(key);
    }
}
