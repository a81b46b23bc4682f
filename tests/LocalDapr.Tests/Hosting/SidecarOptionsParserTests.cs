using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>daprd flag parsing (Go flag syntax), sizes and path cleaning, without starting a process.</summary>
public sealed class SidecarOptionsParserTests
{
    private static readonly Func<string, string?> NoEnv = _ => null;

    [Fact]
    public void Parse_DaprdFlags_AllForms_MapToOptions()
    {
        var (options, ignored) = SidecarOptionsParser.Parse(
            ["-app-id", "router", "--app-port=8080", "--dapr-http-port", "3500", "--dapr-grpc-port", "50001",
             "--resources-path", "a", "--components-path", "b", "--resources-path", "c", "--enable-app-health-check",
             "--app-health-probe-interval", "3", "--max-body-size", "16Mi", "--placement-host-address", "localhost:50005",
             "--config", "cfg.yaml", "--log-level", "debug"],
            name => name == "DAPR_API_TOKEN" ? "tok" : null);

        Assert.Equal("router", options.AppId);
        Assert.Equal(8080, options.AppPort);
        Assert.Equal(["a", "c", "b"], options.ResourcesPaths);
        Assert.True(options.EnableAppHealthCheck);
        Assert.Equal(TimeSpan.FromSeconds(3), options.AppHealthProbeInterval);
        Assert.Equal(16L * 1024 * 1024, options.MaxBodySizeBytes);
        Assert.Equal("cfg.yaml", options.ConfigPath);
        Assert.Equal("tok", options.ApiToken);
        Assert.Null(options.AppApiToken);
        Assert.Equal(["placement-host-address"], ignored);
    }

    [Fact]
    public void Parse_Defaults_MatchDaprd()
    {
        var (options, _) = SidecarOptionsParser.Parse(["--app-id", "x"], NoEnv);

        Assert.Equal(3500, options.HttpPort);
        Assert.Equal(50001, options.GrpcPort);
        Assert.Equal(0, options.AppPort);
        Assert.Equal(4L * 1024 * 1024, options.MaxBodySizeBytes);
        Assert.False(options.EnableAppHealthCheck);
    }

    /// <summary>
    /// daprd's <c>--unix-domain-socket</c> (cmd/daprd/options/options.go) names a directory; the sockets in it are
    /// <c>dapr-{appId}-http.socket</c> and <c>dapr-{appId}-grpc.socket</c> (pkg/api/http/server.go, pkg/api/grpc/server.go).
    /// Other sidecars then use the internal port (<c>--dapr-internal-grpc-port</c>), not the HTTP port.
    /// </summary>
    [Fact]
    public void Parse_UnixDomainSocket_SocketPathsAndPeerPort()
    {
        var (onSockets, ignored) = SidecarOptionsParser.Parse(
            ["--app-id", "router", "--dapr-http-port", "3600", "--unix-domain-socket", "/tmp/socks/", "--dapr-internal-grpc-port", "50222"], NoEnv);
        var (picked, _) = SidecarOptionsParser.Parse(["--app-id", "router", "--unix-domain-socket", "/tmp/socks"], NoEnv);
        var (onTcp, _) = SidecarOptionsParser.Parse(["--app-id", "router", "--dapr-http-port", "3600"], NoEnv);

        Assert.Equal("/tmp/socks", onSockets.UnixDomainSocket);
        Assert.Equal("/tmp/socks/dapr-router-http.socket", onSockets.SocketPath("http"));
        Assert.Equal("/tmp/socks/dapr-router-grpc.socket", onSockets.SocketPath("grpc"));
        Assert.Equal(50222, onSockets.PeerPort);
        Assert.Empty(ignored);
        // Picked below the kernel's ephemeral range, where no outgoing connection can take it before Kestrel binds it.
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split(['\t', ' '])[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(picked.PeerPort, 1024, ephemeralLow - 1);
        Assert.Null(onTcp.UnixDomainSocket);
        Assert.Equal(3600, onTcp.PeerPort);
    }

    [Theory]
    [InlineData(new[] { "--app-port", "80" }, "--app-id is required")]
    [InlineData(new[] { "--app-id", "a", "--app-port", "eighty" }, "--app-port")]
    [InlineData(new[] { "--app-id", "a", "--max-body-size", "lots" }, "--max-body-size")]
    [InlineData(new[] { "--app-id", "a", "--app-protocol", "grpc" }, "--app-protocol")]
    [InlineData(new[] { "--app-id", "a||b" }, "||")]
    public void Parse_BadInput_ThrowsNamingTheFlag(string[] args, string expected)
    {
        var error = Assert.Throws<SidecarStartupException>(() => SidecarOptionsParser.Parse(args, NoEnv));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("4Mi", 4L * 1024 * 1024)]
    [InlineData("512Ki", 512L * 1024)]
    [InlineData("1G", 1_000_000_000L)]
    [InlineData("4096", 4096L)]
    public void ByteSize_Quantities_Parsed(string text, long expected)
    {
        Assert.Equal(expected, ByteSize.Parse(text, "--max-body-size"));
    }

    [Theory]
    [InlineData("//v1.0/actors//T/1/state", "/v1.0/actors/T/1/state")]
    [InlineData("/v1.0/healthz/", "/v1.0/healthz")]
    [InlineData("/", "/")]
    [InlineData("/v1.0/state/s/k", "/v1.0/state/s/k")]
    public void CleanPath_DoubleAndTrailingSlashes_Removed(string path, string expected)
    {
        Assert.Equal(expected, SidecarMiddleware.CleanPath(new PathString(path)).Value);
    }
}
