using System.Buffers.Binary;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// The gateway request id (also the usage event id the ledger is idempotent on). Always minted here:
/// a caller-chosen id could collide on purpose and make the ledger drop real usage.
/// </summary>
internal static class RequestIds
{
    public const string ItemKey = "aiprovider.request-id";

    public static string For(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }
        // The wall clock, as Guid.CreateVersion7 used (not the app's TimeProvider, which a scaled clock can speed up).
        var requestId = NewId(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        context.Items[ItemKey] = requestId;
        return requestId;
    }

    /// <summary>
    /// <c>req_</c> and a UUID version 7 in hex (RFC 9562 §5.7: 48 bits of Unix milliseconds, the version, 74 random bits,
    /// the variant), exactly as <c>Guid.CreateVersion7().ToString("N")</c> wrote it. The random bits come from
    /// <see cref="Random.Shared"/>: <c>Guid.NewGuid</c>, which CreateVersion7 calls, is one <c>getrandom</c> system call per
    /// id on Linux (dotnet/runtime <c>src/native/libs/System.Native/pal_random.c</c> calls <c>arc4random_buf</c>, which
    /// glibc implements with getrandom; the kernel's <c>crng_make_state</c> showed in the profile), 1.6 % of the router's
    /// CPU on a cache hit. NewGuid's source is the "non-cryptographically secure" one as well: an id has to be unique,
    /// not secret, and 74 random bits per millisecond are.
    /// </summary>
    internal static string NewId(long unixMilliseconds)
    {
        Span<byte> uuid = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(uuid, unixMilliseconds << 16); // bytes 0-5; 6-7 are overwritten below
        Random.Shared.NextBytes(uuid[6..]);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // variant 10
        return "req_" + Convert.ToHexStringLower(uuid);
    }
}
