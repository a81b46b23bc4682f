using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

/// <summary>A temp resources folder with YAML files, loaded as the sidecar of <c>appId</c> would.</summary>
internal sealed class ResiliencyFiles : IDisposable
{
    public ResiliencyFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "resiliency-" + Guid.NewGuid().ToString("N")[..12]);

    public ResiliencyFiles With(string fileName, string yaml)
    {
        File.WriteAllText(Path.Combine(Folder, fileName), yaml);
        return this;
    }

    public ResiliencyModel Load(string appId = "caller") => ResiliencyLoader.Load([Folder], appId);

    public ResiliencyProvider Provider(FakeTimeProvider time, string appId = "caller", string? componentKind = "Pubsub") =>
        new(Load(appId), time, _ => componentKind);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public static string Resiliency(string spec, string scopes = "") => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test-resiliency
        {scopes}
        spec:
        {spec}
        """;
}
