using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>Durable copy of each scope's limits (PostgreSQL <c>quotas</c>, <c>budgets</c>, <c>quota_scopes</c>), so they survive actor state loss.</summary>
internal interface IQuotaLimitStore
{
    /// <summary>The scope's limits, or null when none were ever set.</summary>
    Task<QuotaLimits?> LoadAsync(string scope, CancellationToken cancellationToken);

    Task SaveAsync(string scope, QuotaLimits limits, CancellationToken cancellationToken);
}
