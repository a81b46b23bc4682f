namespace Dapr.AiProvider.Router.Configuration;

/// <summary>A named route (<c>auto</c>, <c>auto:code</c>, <c>free</c>, …) callers may put in the model field.</summary>
internal sealed class RouteOptions
{
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.Cost;

    /// <summary>Capabilities every candidate must have (besides those the request implies).</summary>
    public List<string> RequiredCapabilities { get; set; } = [];

    /// <summary>Only free-tier models.</summary>
    public bool FreeOnly { get; set; }

    /// <summary>Minimum catalog quality rank (1–10); 0 = any.</summary>
    public int MinQuality { get; set; }
}
