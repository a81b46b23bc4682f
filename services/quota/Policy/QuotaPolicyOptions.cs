using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>Lease settings (section <c>Quota:Leases</c>).</summary>
internal sealed class QuotaPolicyOptions
{
    public const string Section = "Quota:Leases";

    /// <summary>After this, an unsettled grant returns to its windows (a crashed replica strands nothing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a request reserved from a lease may take to reach the provider. A lease stops serving this long before
    /// the end of a window it draws from; one granted within it also counts against the next window (it straddles the
    /// boundary), so a request reserved in the last instant of a minute and arriving in the next counts in both.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan BoundaryGuard { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bound on outstanding leases per scope (state size).</summary>
    [Range(1, 100_000)] public int MaxOutstandingLeases { get; set; } = 1_000;
}

[OptionsValidator]
internal sealed partial class QuotaPolicyOptionsValidator : IValidateOptions<QuotaPolicyOptions>;
