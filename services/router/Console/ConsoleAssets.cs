using System.Collections.Frozen;

namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// The console's files, embedded in the router's assembly (<c>Console/wwwroot</c>, see Router.csproj): a closed
/// list of names, read once; nothing from the request path reaches a file system.
/// </summary>
internal static class ConsoleAssets
{
    /// <summary>
    /// Same origin only, no inline script or style, no plugins, no framing, no base or form redirection. Every
    /// console file carries it; every other answer keeps the gateway's <c>default-src 'none'</c>.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (byte[] Body, string ContentType)> Files = Load();

    public static IResult Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            return TypedResults.NotFound();
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(file.Body, file.ContentType);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "console/";
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[prefix.Length..];
            files[name] = (buffer.ToArray(), ContentTypes[Path.GetExtension(name)]);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
