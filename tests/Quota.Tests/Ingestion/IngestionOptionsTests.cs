using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

public sealed class IngestionOptionsTests
{
    [Fact]
    public void Start_InvalidIngestionOptions_FailsListingEveryError()
    {
        using var factory = new QuotaAppFactory("Host=127.0.0.1;Database=unused", b =>
        {
            b.UseSetting("Quota:Ingestion:MaxBatchSize", "0");
            b.UseSetting("Quota:Ingestion:QueueCapacity", "-5");
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(error.Failures, f => f.Contains("MaxBatchSize", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("QueueCapacity", StringComparison.Ordinal));
    }
}
