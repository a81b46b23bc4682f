using System.Globalization;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// A <c>pubsub.redis</c> component's stream settings, with the defaults of components-contrib
/// common/component/redis (processingTimeout 60s, redeliverInterval 15s in code, queueDepth 100,
/// concurrency 10; bare integers are milliseconds). The brief for this sidecar asks for a 60s
/// redeliverInterval default, which is what <see cref="DefaultRedeliverInterval"/> holds.
/// </summary>
internal sealed record PubSubComponentSettings(
    ComponentSpec Component,
    string ConsumerGroup,
    TimeSpan ProcessingTimeout,
    TimeSpan RedeliverInterval,
    int QueueDepth,
    int Concurrency,
    long? MaxLenApprox)
{
    public static readonly TimeSpan DefaultProcessingTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultRedeliverInterval = TimeSpan.FromSeconds(60);

    public string Name => Component.Name;

    /// <exception cref="SidecarStartupException">A metadata value is malformed (names the file and the field): the sidecar does not start.</exception>
    public static PubSubComponentSettings From(ComponentSpec component, string appId) => new(
        component,
        ConsumerGroup: component.Get("consumerID") is { Length: > 0 } consumer ? consumer : appId,
        ProcessingTimeout: Duration(component, "processingTimeout", DefaultProcessingTimeout),
        RedeliverInterval: Duration(component, "redeliverInterval", DefaultRedeliverInterval),
        QueueDepth: Integer(component, "queueDepth", 100),
        Concurrency: Integer(component, "concurrency", 10),
        MaxLenApprox: component.Get("maxLenApprox") is { Length: > 0 } ? Integer(component, "maxLenApprox", 0) : null);

    private static TimeSpan Duration(ComponentSpec component, string key, TimeSpan fallback)
    {
        var text = component.Get(key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return GoDuration.TryParse(text, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new SidecarStartupException($"{component.SourceFile}: component '{component.Name}' metadata '{key}' is not a duration: '{text}'");
    }

    private static int Integer(ComponentSpec component, string key, int fallback)
    {
        var text = component.Get(key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new SidecarStartupException($"{component.SourceFile}: component '{component.Name}' metadata '{key}' is not a non-negative integer: '{text}'");
    }
}
