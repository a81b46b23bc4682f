using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Core;

[OptionsValidator]
internal sealed partial class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>;
