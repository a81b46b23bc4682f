using System.Globalization;
using System.Net.Http.Headers;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>
/// Reads a provider's custom response headers (rate limits, headroom) as received. <c>TryGetValues</c> would move each
/// header it reads into a parsed entry and copy its values into a new array on every call, for headers that have no
/// parser (<c>x-ratelimit-*</c>, <c>anthropic-ratelimit-*</c>) and so come back as the same strings;
/// <see cref="HttpHeaders.NonValidated"/> hands out the received strings without either.
/// </summary>
internal static class HeaderValues
{
    /// <summary>The first value of <paramref name="name"/>, or null when the header is absent.</summary>
    public static string? First(HttpHeaders headers, string name)
    {
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The first value as a whole number, or null when absent or not a number.</summary>
    public static long? Long(HttpHeaders headers, string name) =>
        long.TryParse(First(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
