namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>The credential for one call: available or not, and the key/token if the provider needs one.</summary>
internal readonly record struct Credential(bool Available, string? Key, bool FromSecretStore)
{
    public static readonly Credential Unavailable = new(false, null, false);
}
