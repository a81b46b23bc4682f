using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// The direct-tls overlay configures Kestrel through its own configuration keys only. Those exact keys (the router
/// container's env of the rendered overlay, paths pointed at a throw-away certificate) make Kestrel accept TLS 1.3
/// and refuse TLS 1.2 — proof that the option works without code.
/// </summary>
public sealed class KestrelTlsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kestrel-tls");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task DirectTlsOverlaySettings_Tls13Accepted_Tls12Refused()
    {
        var port = TestInfrastructure.FreePort.Next();
        WriteCertificate();
        var builder = WebApplication.CreateBuilder(); // as services/router/Program.cs (the slim builder needs UseKestrelHttpsConfiguration)
        foreach (var env in Workload.Of(Kustomize.Render("k8s/overlays/direct-tls"), "router").Container["env"]!.AsArray())
        {
            var name = (string)env!["name"]!;
            if (name.StartsWith("Kestrel__", StringComparison.Ordinal))
            {
                builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)] = ((string)env["value"]!)
                    .Replace("/etc/aiprovider/tls", _dir.FullName, StringComparison.Ordinal)
                    .Replace("0.0.0.0:8443", $"127.0.0.1:{port}", StringComparison.Ordinal)
                    .Replace("0.0.0.0:8080", $"127.0.0.1:{TestInfrastructure.FreePort.Next()}", StringComparison.Ordinal);
            }
        }
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();

        Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(port, SslProtocols.Tls13));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(port, SslProtocols.Tls12));
    }

    private static async Task<SslProtocols> HandshakeAsync(int port, SslProtocols protocol)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocol,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return ssl.SslProtocol;
    }

    private void WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_dir.FullName, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir.FullName, "tls.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
