namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>One benchmark scenario: prints its own tables and adds its verdicts to the summary.</summary>
internal interface IScenario
{
    string Name { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
