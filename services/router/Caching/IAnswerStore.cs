namespace Dapr.AiProvider.Router.Caching;

/// <summary>Where answers of one kind are shared between replicas (the Dapr state store in production).</summary>
internal interface IAnswerStore<TAnswer>
    where TAnswer : CachedAnswer
{
    Task<TAnswer?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, TAnswer value, int ttlSeconds, CancellationToken cancellationToken);
}
