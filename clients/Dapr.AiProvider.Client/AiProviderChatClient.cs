using System.ClientModel;
using System.ClientModel.Primitives;
using Dapr.Client;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Dapr.AiProvider.Client;

/// <summary>
/// Creates an <see cref="IChatClient"/> for the gateway's OpenAI-compatible <c>/v1/chat/completions</c>:
/// the OpenAI SDK through Microsoft.Extensions.AI.OpenAI, over plain HTTP or Dapr service invocation,
/// with the gateway's decision on every response.
/// </summary>
public static class AiProviderChatClient
{
    /// <summary>
    /// A client over plain HTTP when <see cref="AiProviderChatClientOptions.Endpoint"/> is set, otherwise over
    /// Dapr service invocation (<c>{sidecar}/v1.0/invoke/{RouterAppId}/method/v1/chat/completions</c>, built by
    /// the Dapr SDK's <see cref="DaprClient.CreateInvokeHttpClient"/>). Dispose it to release its connections.
    /// </summary>
    public static IChatClient Create(AiProviderChatClientOptions options)
    {
        Validate(options);
        var (httpClient, baseAddress) = Connect(options);
        return Build(options, httpClient, baseAddress, ownsHttpClient: true);
    }

    /// <summary>An HttpClient to the gateway: plain HTTP to <see cref="AiProviderChatClientOptions.Endpoint"/>, or Dapr invocation.</summary>
    internal static (HttpClient Http, Uri BaseAddress) Connect(AiProviderChatClientOptions options)
    {
        var httpClient = options.Endpoint is null
            ? DaprClient.CreateInvokeHttpClient(
                options.RouterAppId,
                options.DaprHttpEndpoint,
                // CreateInvokeHttpClient takes the token as given (null means none), so the environment is read here.
                options.DaprApiToken ?? Environment.GetEnvironmentVariable("DAPR_API_TOKEN"))
            : new HttpClient();
        return (httpClient, options.Endpoint ?? new Uri($"http://{options.RouterAppId}"));
    }

    /// <summary>
    /// A client over plain HTTP through the given <see cref="HttpClient"/> (e.g. one from
    /// <c>IHttpClientFactory</c>, or one whose handler adds your own concerns); the caller keeps ownership of it.
    /// <see cref="AiProviderChatClientOptions.Endpoint"/> is required.
    /// </summary>
    public static IChatClient Create(AiProviderChatClientOptions options, HttpClient httpClient)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (options.Endpoint is null)
        {
            throw new ArgumentException("Endpoint is required when an HttpClient is given (Dapr invocation builds its own).", nameof(options));
        }
        return Build(options, httpClient, options.Endpoint, ownsHttpClient: false);
    }

    private static GatewayDecisionChatClient Build(AiProviderChatClientOptions options, HttpClient httpClient, Uri baseAddress, bool ownsHttpClient)
    {
        var chat = OpenAi(options, httpClient, baseAddress)
            .GetChatClient(options.Model)
            .AsIChatClient();
        return new GatewayDecisionChatClient(chat, ownsHttpClient ? httpClient : null);
    }

    /// <summary>The OpenAI SDK client on the gateway's <c>/v1</c>, with the decision capture on every try.</summary>
    internal static OpenAIClient OpenAi(AiProviderChatClientOptions options, HttpClient httpClient, Uri baseAddress)
    {
        var openAiOptions = new OpenAIClientOptions
        {
            Endpoint = V1(baseAddress),
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            NetworkTimeout = options.NetworkTimeout,
        };
        openAiOptions.AddPolicy(DecisionCapturePolicy.Instance, PipelinePosition.PerTry);
        return new OpenAIClient(new ApiKeyCredential(options.ApiKey), openAiOptions);
    }

    /// <summary>The OpenAI SDK appends <c>chat/completions</c> to its endpoint, which must therefore end in <c>/v1</c>.</summary>
    private static Uri V1(Uri baseAddress)
    {
        var path = baseAddress.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/v1", StringComparison.Ordinal)
            ? baseAddress
            : new UriBuilder(baseAddress) { Path = path + "/v1" }.Uri;
    }

    /// <summary>Refuses options that cannot work, naming the option (also called at DI registration, to fail early).</summary>
    internal static void Validate(AiProviderChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("ApiKey is required (the gateway key, aip_…).", nameof(options));
        }
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("Model is required (e.g. auto).", nameof(options));
        }
        if (options.MaxRetries < 0)
        {
            throw new ArgumentException("MaxRetries must not be negative.", nameof(options));
        }
    }
}
