namespace Dapr.AiProvider.Router.Budget;

internal static class BudgetRegistration
{
    /// <summary>Budget, quota and provider-window leases from <c>QuotaActor</c>, spent locally; unspent slices returned at shutdown.</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services) => services
        .AddSingleton<ILeaseSource, ActorLeaseSource>()
        .AddSingleton<BudgetGuard>()
        .AddSingleton<ProviderWindowGuard>()
        .AddHostedService<LeaseReturnService>();
}
