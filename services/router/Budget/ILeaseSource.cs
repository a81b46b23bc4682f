using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>Where budget/quota slices come from (the scope's <c>QuotaActor</c> in production).</summary>
internal interface ILeaseSource
{
    Task<LeaseGrant> AcquireAsync(string scope, LeaseRequest request, CancellationToken cancellationToken);

    Task SettleAsync(string scope, LeaseSettlement settlement, CancellationToken cancellationToken);

    /// <summary>Limits the provider stated for the scope, kept by the scope for every replica.</summary>
    Task LearnAsync(string scope, QuotaLimits stated, CancellationToken cancellationToken);
}
