using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// The last check before a request leaves for the provider: a request reserved from a free-window lease that has ended
/// (<see cref="Contracts.Adapters.AdapterChatRequest.SendBy"/>) would reach the provider in a window its lease was not
/// counted in — the provider may refuse it — so it is not sent (<see cref="ErrorClass.WindowLeaseEnded"/>) and the
/// router leases again. Checked immediately before the HTTP send, after everything else this service does for the call.
/// </summary>
internal static class LeaseDeadline
{
    /// <summary>
    /// Sent to the provider simulator only (never to a real provider), with the deadline: the simulator tells a refusal
    /// of a request that arrived while its lease still served (a lease-accounting fault) from one that arrived late.
    /// </summary>
    public const string SimulatorHeader = "x-aiprovider-send-by";

    /// <summary>Null while <paramref name="sendBy"/> is still ahead (or absent), else why the request is not sent.</summary>
    public static Classification? Ended(DateTimeOffset? sendBy, DateTimeOffset now) =>
        sendBy is { } end && now >= end
            ? new Classification(ErrorClass.WindowLeaseEnded,
                $"the free-window lease ended {(now - end).TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms before the request could leave; not sent")
            : null;

    /// <summary>Tells the simulator the deadline (<see cref="SimulatorHeader"/>); null (a real provider, or no lease) sends nothing.</summary>
    public static void Tell(HttpRequestMessage message, DateTimeOffset? simulatorSendBy)
    {
        if (simulatorSendBy is { } end)
        {
            message.Headers.TryAddWithoutValidation(SimulatorHeader, end.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
