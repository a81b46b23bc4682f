namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>A delivery the app asked to retry (RETRY, unknown status, non-2xx): what the inbound resiliency policy retries.</summary>
internal sealed class DeliveryRetryException(string reason) : Exception(reason);
