namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// A Resiliency resource that cannot be used. The message names the file and the field
/// (e.g. <c>resiliency.yaml: spec.policies.retries.fast.maxRetries: 'x' is not an integer</c>);
/// the host turns it into a non-zero exit at start.
/// </summary>
public sealed class ResiliencyConfigurationException(string message) : Exception(message)
{
    internal static ResiliencyConfigurationException At(string file, string field, string problem) =>
        new($"Invalid Resiliency resource in '{file}': field '{field}': {problem}");
}
