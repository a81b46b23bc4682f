using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// Task types are a closed list (<c>Router:TaskTypes</c>): a caller-chosen name becomes the configured
/// spelling of a known type or <see cref="Other"/>, so no free text reaches a metric label, the cache key
/// or the ledger. <see cref="Other"/> is refused (422) unless the operator configures a task type of that name.
/// </summary>
internal static class TaskTypeNames
{
    public const string Other = "other";

    /// <summary>How much of an unknown name an error message repeats.</summary>
    public const int MaxEchoLength = 64;

    public static string Canonical(Dictionary<string, TaskTypeOptions> known, string requested)
    {
        foreach (var name in known.Keys)
        {
            if (string.Equals(name, requested, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }
        return Other;
    }

    /// <summary>The caller's name as an error message may repeat it: bounded, so an answer never grows with the input.</summary>
    public static string Echo(string requested) =>
        requested.Length <= MaxEchoLength ? requested : requested[..MaxEchoLength] + "…";
}
