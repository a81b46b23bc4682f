namespace Dapr.AiProvider.ProviderAdapters.Secrets;

/// <summary>Where provider keys come from (the Dapr secret store in production). Keys are never logged.</summary>
internal interface IProviderKeySource
{
    /// <summary>The key stored under <paramref name="secretName"/>, or null when there is none.</summary>
    ValueTask<string?> GetAsync(string secretName, CancellationToken cancellationToken);

    /// <summary>Forget the cached key and read it again (after a provider answered 401).</summary>
    ValueTask<string?> RefreshAsync(string secretName, CancellationToken cancellationToken);
}
