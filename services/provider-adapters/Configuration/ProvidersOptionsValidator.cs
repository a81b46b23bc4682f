using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>Source-generated data-annotation validation of <see cref="ProvidersOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>;
