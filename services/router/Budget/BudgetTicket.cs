namespace Dapr.AiProvider.Router.Budget;

/// <summary>What one request reserved from each scope, settled with the real use afterwards.</summary>
internal sealed record BudgetTicket(IReadOnlyList<ScopeReservation> Reservations, bool Unverified)
{
    public static readonly BudgetTicket None = new([], false);

    /// <summary>This ticket and a later top-up (e.g. before failing over to a dearer candidate) as one.</summary>
    public BudgetTicket With(BudgetTicket more) => new([.. Reservations, .. more.Reservations], Unverified || more.Unverified);
}

/// <summary>An amount reserved from one scope's slice (<paramref name="Lease"/> names the slice).</summary>
internal sealed record ScopeReservation(string Scope, LeaseAmounts Reserved, long Lease);
