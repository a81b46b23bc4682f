using System.Collections.Concurrent;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// Sends provider calls through the <c>upstream:{provider}</c> handler chain (<see cref="UpstreamHttpClients"/>) with one
/// long-lived <see cref="HttpMessageInvoker"/> per provider instead of a new <see cref="HttpClient"/> per call: the
/// factory's client is a fresh object with its own cancellation source, and its <c>SendAsync</c> links the call's token
/// to that source and adds an async layer, all per call, for nothing these calls use (no base address, default
/// headers or client timeout: each call carries its own URL, headers and attempt timeout). The handler chain, its
/// connection pool, telemetry and the transport retry are the same ones the factory's client uses; its lifetime is
/// infinite, so the handler never rotates under an invoker held here.
/// </summary>
internal sealed class UpstreamInvokers(IHttpMessageHandlerFactory handlers)
{
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _invokers = new(StringComparer.Ordinal);

    /// <summary>The invoker of <paramref name="account"/>'s handler chain; answers come back once their headers are read.</summary>
    public HttpMessageInvoker For(ProviderAccount account) =>
        _invokers.GetOrAdd(account.HttpClientName,
            static (name, factory) => new HttpMessageInvoker(factory.CreateHandler(name), disposeHandler: false), handlers);
}
