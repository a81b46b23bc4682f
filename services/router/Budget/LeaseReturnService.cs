namespace Dapr.AiProvider.Router.Budget;

/// <summary>On shutdown, gives every held lease's unused rest back to the quota service.</summary>
internal sealed class LeaseReturnService(BudgetGuard budget) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => budget.ReturnAllAsync(cancellationToken);
}
