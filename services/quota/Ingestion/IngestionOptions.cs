using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>Usage ingestion settings (section <c>Quota:Ingestion</c>).</summary>
internal sealed class IngestionOptions
{
    public const string Section = "Quota:Ingestion";

    /// <summary>
    /// Rows per batch at most. Batches are as large as the deliveries waiting allow: each sidecar has at
    /// most its subscription's <c>concurrency</c> (64) deliveries in flight, so that is the usual ceiling.
    /// </summary>
    [Range(1, 5000)] public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Batches written at once, each on its own connection. One is cheapest: while a batch commits the
    /// next one gathers, so batches grow with the load (about 30 rows at concurrency 64, against 18 with
    /// two writers, and a third less CPU per event in quota and PostgreSQL together). More than one only
    /// pays when a round trip to PostgreSQL is long (a remote server) and the CPU is not the limit.
    /// </summary>
    [Range(1, 64)] public int MaxConcurrentBatches { get; set; } = 1;

    /// <summary>Events waiting for the writer; a full queue makes handlers wait (back-pressure to the sidecar).</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long a delivery waits for its row to commit before answering RETRY.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause after a failed batch so a PostgreSQL outage is not hammered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
}

[OptionsValidator]
internal sealed partial class IngestionOptionsValidator : IValidateOptions<IngestionOptions>;
