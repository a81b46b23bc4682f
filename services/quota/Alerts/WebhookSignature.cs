using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dapr.AiProvider.Quota.Alerts;

/// <summary>
/// The webhook's signature: <c>X-AiProvider-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}"&gt;</c> with
/// <c>X-AiProvider-Timestamp</c> (Unix seconds) — the receiver recomputes it and rejects old timestamps, so a
/// captured request cannot be replayed later (the scheme Stripe and GitHub webhooks use).
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-AiProvider-Signature";
    public const string TimestampHeader = "X-AiProvider-Timestamp";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Constant-time comparison, for receivers (and tests) checking a delivery.</summary>
    public static bool Verify(string secret, long unixSeconds, ReadOnlySpan<byte> body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(signature));
}
