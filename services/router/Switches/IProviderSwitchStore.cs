using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>The shared set of providers an admin switched off (the Dapr state store in production).</summary>
internal interface IProviderSwitchStore : ISharedRecordStore<string[]>
{
}
