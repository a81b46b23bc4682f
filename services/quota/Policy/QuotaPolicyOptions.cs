using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>Lease settings (section <c>Quota:Leases</c>).</summary>
public sealed class QuotaPolicyOptions
{
    public const string Section = "Quota:Leases";

    /// <summary>After this, an unsettled grant returns to its windows (a crashed replica strands nothing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on outstanding leases per scope (state size).</summary>
    [Range(1, 100_000)] public int MaxOutstandingLeases { get; set; } = 1_000;
}

[OptionsValidator]
internal sealed partial class QuotaPolicyOptionsValidator : IValidateOptions<QuotaPolicyOptions>;
