namespace Dapr.AiProvider.Router.Budget;

/// <summary>On shutdown, gives every held lease's unused rest back to the quota service.</summary>
internal sealed class LeaseReturnService(BudgetGuard budget, ProviderWindowGuard windows) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await budget.ReturnAllAsync(cancellationToken);
        await windows.ReturnAllAsync(cancellationToken);
    }
}
