namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>The component files every test sidecar gets unless <see cref="SidecarSpec.DefaultComponents"/> is false.</summary>
public static class DefaultResources
{
    public const string StateStore = "statestore";
    public const string PubSub = "pubsub";
    public const string SecretStore = "secretstore";

    /// <summary>Content of secrets.json used by the <c>secretstore</c> component.</summary>
    public const string SecretsJson = """
        {
          "api-key": "s3cret",
          "db": { "user": "admin", "password": "p@ss" },
          "port": 6379
        }
        """;

    public static string StateStoreYaml(string redisAddress) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {StateStore}
        spec:
          type: state.redis
          version: v1
          metadata:
          - name: redisHost
            value: {redisAddress}
          - name: actorStateStore
            value: "true"
        """;

    /// <summary>A Redis Streams pub/sub component; <paramref name="metadata"/> adds fields after <c>redisHost</c>.</summary>
    public static string PubSubYaml(string redisAddress, string name = PubSub, params (string Name, string Value)[] metadata) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: pubsub.redis
          version: v1
          metadata:
          - name: redisHost
            value: {redisAddress}
        """ + string.Concat(metadata.Select(m => $"\n  - name: {m.Name}\n    value: {m.Value}"));

    public static string SecretStoreYaml(string secretsFile) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {SecretStore}
        spec:
          type: secretstores.local.file
          version: v1
          metadata:
          - name: secretsFile
            value: {secretsFile}
          - name: nestedSeparator
            value: ":"
        """;
}
