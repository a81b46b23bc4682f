using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Grpc.Net.Client;
using DaprGrpc = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// One sidecar with two <c>conversation.openai</c> components on <see cref="ChatUpstream"/>: <c>llm</c> (key from the
/// secret store through secretKeyRef, model <c>gateway-model</c>) and <c>cached</c> (the same plus <c>cacheTTL: 10m</c>).
/// </summary>
public sealed class ConversationFixture : IAsyncLifetime
{
    public const string Component = "llm";
    public const string CachedComponent = "cached";
    public const string Model = "gateway-model";

    private RedisServer _redis = null!;
    private GrpcChannel _channel = null!;

    public ChatUpstream Upstream { get; private set; } = null!;
    public SidecarProcess Sidecar { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    /// <summary>The Dapr SDK's generated gRPC client (Dapr.Protos) on the sidecar's gRPC port.</summary>
    public DaprGrpc.DaprClient Grpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Upstream = await ChatUpstream.StartAsync();
        Sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("conversation-tests")
        {
            ExtraResources = new Dictionary<string, string>
            {
                ["llm.yaml"] = ComponentYaml(Component, Upstream.BaseUrl, ""),
                ["cached.yaml"] = ComponentYaml(CachedComponent, Upstream.BaseUrl, "\n  - name: cacheTTL\n    value: 10m"),
            },
        });
        Http = Sidecar.CreateHttpClient();
        _channel = GrpcChannel.ForAddress(Sidecar.GrpcEndpoint);
        Grpc = new DaprGrpc.DaprClient(_channel);
    }

    /// <summary>A conversation.openai component as a user writes it: key through secretKeyRef (secrets.json "api-key" = "s3cret").</summary>
    public static string ComponentYaml(string name, string endpoint, string extraMetadata) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: conversation.openai
          version: v1
          metadata:
          - name: key
            secretKeyRef:
              name: api-key
              key: api-key
          - name: model
            value: {Model}
          - name: endpoint
            value: {endpoint}
        """ + extraMetadata + $"""

        auth:
          secretStore: {DefaultResources.SecretStore}
        """;

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
