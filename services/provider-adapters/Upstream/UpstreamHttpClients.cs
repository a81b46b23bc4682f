using System.Net;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// Configures every <c>upstream:{provider}</c> HttpClient: one long-lived <see cref="SocketsHttpHandler"/>
/// per provider (never rotated; connections recycled every 10 minutes for DNS), the connect timeout,
/// and the transport-retry handler. Timeouts of the call itself are per request (attempt and idle).
/// </summary>
internal sealed class UpstreamHttpClients(IOptions<ProvidersOptions> options, TimeProvider time)
    : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public const string Prefix = "upstream:";

    public void Configure(string? name, HttpClientFactoryOptions factoryOptions)
    {
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }
        var settings = options.Value;
        factoryOptions.HandlerLifetime = Timeout.InfiniteTimeSpan;
        factoryOptions.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
        factoryOptions.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.PrimaryHandler = new SocketsHttpHandler
            {
                ConnectTimeout = settings.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
                EnableMultipleHttp2Connections = true,
                UseCookies = false,
            };
            builder.AdditionalHandlers.Add(new TransportRetryHandler(settings.TransportRetries, time));
        });
    }

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);
}
