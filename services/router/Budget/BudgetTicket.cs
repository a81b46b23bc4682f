namespace Dapr.AiProvider.Router.Budget;

/// <summary>What one request reserved from each scope, settled with the real use afterwards.</summary>
public sealed record BudgetTicket(IReadOnlyList<(string Scope, LeaseAmounts Reserved)> Reservations, bool Unverified)
{
    public static readonly BudgetTicket None = new([], false);
}
