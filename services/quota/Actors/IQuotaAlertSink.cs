using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>Where threshold alerts go: topic <c>quota-alerts</c> and the <c>alerts</c> table.</summary>
internal interface IQuotaAlertSink
{
    Task RaiseAsync(QuotaAlertRaised alert, CancellationToken cancellationToken);
}
