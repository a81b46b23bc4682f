using System.Globalization;
using System.Text;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Header value formats providers use: Go durations (<c>6m0s</c>, <c>12ms</c>), protobuf durations, RFC 3339, HTTP dates.</summary>
internal static class WireFormat
{
    /// <summary>A Go <c>time.Duration</c> string, as in OpenAI's <c>x-ratelimit-reset-*</c> headers.</summary>
    public static string GoDuration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }
        if (value < TimeSpan.FromSeconds(1))
        {
            return Math.Max(1, (int)Math.Round(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }
        var builder = new StringBuilder();
        var hours = (int)value.TotalHours;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (hours > 0 || value.Minutes > 0)
        {
            builder.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }

    /// <summary>A protobuf JSON duration such as <c>20.223932614s</c> (Gemini <c>RetryInfo.retryDelay</c>).</summary>
    public static string ProtoDuration(double seconds) =>
        Math.Round(seconds, 9).ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    /// <summary>Whole seconds for <c>retry-after</c>, rounded up.</summary>
    public static string Seconds(double seconds) =>
        ((long)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);

    public static string Milliseconds(double seconds) =>
        ((long)Math.Ceiling(seconds * 1000)).ToString(CultureInfo.InvariantCulture);

    public static string Rfc3339(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string HttpDate(DateTimeOffset value) => value.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
