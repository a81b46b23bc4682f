namespace Dapr.AiProvider.Samples.Agent;

/// <summary>Where the gateway is and which key to use, from the environment (and ./run.sh's key file).</summary>
internal sealed record AgentSettings(Uri? Endpoint, string ApiKey, string Model)
{
    public static AgentSettings FromEnvironment()
    {
        var apiKey = Environment.GetEnvironmentVariable("AIPROVIDER_API_KEY") is { Length: > 0 } key ? key : ReadBootstrapKey();
        var model = Environment.GetEnvironmentVariable("AIPROVIDER_MODEL") is { Length: > 0 } m ? m : "auto";
        return new AgentSettings(GatewayEndpoint(), apiKey, model);
    }

    public string Describe() => Endpoint is null
        ? $"model {Model} via Dapr sidecar on port {Environment.GetEnvironmentVariable("DAPR_HTTP_PORT")}"
        : $"model {Model} via {Endpoint}";

    /// <summary>AIPROVIDER_URL wins; otherwise a Dapr sidecar when there is one; otherwise ./run.sh's port.</summary>
    private static Uri? GatewayEndpoint()
    {
        if (Environment.GetEnvironmentVariable("AIPROVIDER_URL") is { Length: > 0 } url)
        {
            return new Uri(url);
        }
        if (Environment.GetEnvironmentVariable("DAPR_HTTP_PORT") is { Length: > 0 })
        {
            return null;
        }
        var port = Environment.GetEnvironmentVariable("AIPROVIDER_PORT") is { Length: > 0 } p ? p : "8080";
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>./run.sh keeps the bootstrap key in .local/bootstrap.key at the repository root.</summary>
    private static string ReadBootstrapKey()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "bootstrap.key");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }
        throw new InvalidOperationException(
            "No API key: set AIPROVIDER_API_KEY, or start the gateway with ./run.sh (it writes .local/bootstrap.key) and run from the repository.");
    }
}
