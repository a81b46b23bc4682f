using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>Disabled providers under <c>admin:disabled-providers</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprProviderSwitchStore(DaprClient dapr)
    : DaprSharedRecordStore<string[]>(dapr, StateKeys.DisabledProviders), IProviderSwitchStore;
