using System.Text.RegularExpressions;
using Dapr.AiProvider.Router.Api;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary>The request id keeps the form Guid.CreateVersion7().ToString("N") gave it, without a system call per id.</summary>
public sealed partial class RequestIdsTests
{
    [Fact]
    public void NewId_IsAVersion7UuidOfTheGivenMillisecondInHex()
    {
        var at = new DateTimeOffset(2026, 12, 8, 1, 2, 3, 456, TimeSpan.Zero);

        var id = RequestIds.NewId(at.ToUnixTimeMilliseconds());

        Assert.Matches(V7(), id);
        var guid = Guid.ParseExact(id["req_".Length..], "N");
        Assert.Equal(7, guid.Version);
        Assert.Equal("01a2532c", id.Substring(4, 8)); // the first 32 of the 48 timestamp bits, big-endian, as text
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(id.Substring(4, 12), 16));
    }

    [Fact]
    public void NewId_SameMillisecond_NeverRepeats()
    {
        var ids = Enumerable.Range(0, 100_000).AsParallel().Select(_ => RequestIds.NewId(1_765_155_723_456)).ToHashSet();

        Assert.Equal(100_000, ids.Count);
    }

    [Fact]
    public void NewId_SameFormAsTheGuidItReplaces()
    {
        var before = "req_" + Guid.CreateVersion7().ToString("N");

        Assert.Matches(V7(), before);
        Assert.Matches(V7(), RequestIds.NewId(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()));
        Assert.Equal(before.Length, RequestIds.NewId(0).Length);
    }

    [GeneratedRegex("^req_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$")]
    private static partial Regex V7();
}
