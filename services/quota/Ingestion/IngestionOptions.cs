using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>Usage ingestion settings (section <c>Quota:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Quota:Ingestion";

    /// <summary>Rows per multi-row INSERT.</summary>
    [Range(1, 5000)] public int MaxBatchSize { get; set; } = 500;

    /// <summary>Events waiting for the writer; a full queue makes handlers wait (back-pressure to the sidecar).</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long a delivery waits for its row to commit before answering RETRY.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause after a failed batch so a PostgreSQL outage is not hammered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
}

[OptionsValidator]
internal sealed partial class IngestionOptionsValidator : IValidateOptions<IngestionOptions>;
