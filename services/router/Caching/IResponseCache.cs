namespace Dapr.AiProvider.Router.Caching;

/// <summary>The chat completion cache port (the Dapr state store in production).</summary>
internal interface IResponseCache : IAnswerStore<CachedCompletion>
{
}
