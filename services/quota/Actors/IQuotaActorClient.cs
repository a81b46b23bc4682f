using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>Reaches the <c>QuotaActor</c> of a scope (through the sidecar).</summary>
internal interface IQuotaActorClient
{
    IQuotaActor For(string scope);
}
