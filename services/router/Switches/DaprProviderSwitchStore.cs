using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>Disabled providers under <c>admin:disabled-providers</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprProviderSwitchStore(SidecarState state)
    : DaprSharedRecordStore<string[]>(state, StateKeys.DisabledProviders, SidecarStateJsonContext.Default.StringArray), IProviderSwitchStore;
