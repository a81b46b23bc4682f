namespace Dapr.AiProvider.Contracts;

/// <summary>
/// Every Dapr name the services use, in one place. The same names appear in
/// <c>components/</c> (local) and <c>k8s/</c> (Kubernetes); change them together.
/// </summary>
public static class DaprNames
{
    public static class AppIds
    {
        public const string Router = "router";
        public const string Quota = "quota";
        public const string ProviderAdapters = "provider-adapters";
    }

    public const string StateStore = "statestore";
    public const string PubSub = "pubsub";
    public const string SecretStore = "secretstore";

    public static class Topics
    {
        public const string Usage = "usage";
        public const string UsageDeadLetter = "usage-deadletter";
        public const string QuotaAlerts = "quota-alerts";
        public const string ProviderEvents = "provider-events";
    }

    public static class Actors
    {
        public const string Quota = "QuotaActor";
    }
}
