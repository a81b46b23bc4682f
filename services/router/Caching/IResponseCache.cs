namespace Dapr.AiProvider.Router.Caching;

/// <summary>The chat completion cache port (the Dapr state store in production).</summary>
public interface IResponseCache : IAnswerStore<CachedCompletion>
{
}
