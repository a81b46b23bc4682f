namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>One benchmark scenario: prints its own tables and adds its verdicts to the summary.</summary>
internal interface IScenario
{
    string Name { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A scenario that starts the stacks it needs itself, with its own settings (e.g. <c>free-day</c>'s accelerated clock):
/// it runs after the shared stack is stopped, and no shared stack is started when only such scenarios are chosen.
/// </summary>
internal interface IOwnStackScenario : IScenario;
