using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

/// <summary>
/// Following the provider registry (quota's <c>providers</c> table), section <c>Providers:Registry</c>. A change made
/// through the admin API reaches every adapters replica within <see cref="RefreshInterval"/>, and the router's
/// routing at its next catalog refresh (<c>Router:Catalog:RefreshSeconds</c>) after that.
/// </summary>
internal sealed class RegistryOptions
{
    public const string Section = "Providers:Registry";

    /// <summary>How often the registry is read; zero leaves it alone (the providers of configuration only, no seed).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = GeneratedValidation.Justification)]
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Source-generated data-annotation validation of <see cref="RegistryOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RegistryOptionsValidator : IValidateOptions<RegistryOptions>;
