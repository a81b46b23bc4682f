using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Limits;

/// <summary>
/// Each refusal measured against the lease deadline the gateway sent with its request (<c>x-aiprovider-send-by</c>):
/// arrived while its lease still served (the windows were over-leased), after it (late), or without one.
/// </summary>
public sealed class LeaseArrivalTests
{
    private const string Flash = "/gemini/v1beta/models/gemini-2.5-flash:generateContent?key=" + SimulatorFixture.Key;

    [Fact]
    public async Task Refusals_ToldApartByArrivalAgainstTheirLeaseDeadline()
    {
        using var sim = new FreeTierSimulator();
        using var client = sim.Bearer();
        var now = sim.Clock.GetUtcNow();
        var inLease = Deadline(now.AddSeconds(30));
        var ended = Deadline(now.AddSeconds(-4));
        for (var i = 0; i < 5; i++)
        {
            using var ok = await client.PostJsonAsync(Flash, Gemini("hi " + i), i == 0 ? ended : inLease); // Gemini: 5 a minute
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var overLeased = await client.PostJsonAsync(Flash, Gemini("in its lease"), inLease);
        using var late = await client.PostJsonAsync(Flash, Gemini("after its lease"), ended);
        using var unleased = await client.PostJsonAsync(Flash, Gemini("no lease"));

        Assert.Equal(HttpStatusCode.TooManyRequests, overLeased.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, late.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unleased.StatusCode);
        var leases = (await (await client.GetAsync(new Uri("/_sim/requests", UriKind.Relative))).JsonAsync()).GetProperty("leases");
        Assert.Equal(7, leases.GetProperty("leased").GetInt32());
        Assert.Equal(2, leases.GetProperty("arrivedLate").GetInt32());
        Assert.Equal(1, leases.GetProperty("refusedInLease").GetInt32());
        Assert.Equal(1, leases.GetProperty("refusedLate").GetInt32());
        Assert.Equal(1, leases.GetProperty("refusedUnleased").GetInt32());
        Assert.Equal(4, leases.GetProperty("maxRefusedLateSeconds").GetDouble());
        var described = Assert.Single(leases.GetProperty("inLease").EnumerateArray()).GetString();
        Assert.Equal("gemini/gemini-2.5-flash requests per minute (limit 5, used 5, 1 of the requests in it arrived after their lease), 30 s before its deadline", described);
    }

    private static Dictionary<string, string> Deadline(DateTimeOffset sendBy) =>
        new() { ["x-aiprovider-send-by"] = sendBy.ToString("O", CultureInfo.InvariantCulture) };

    private static string Gemini(string text) =>
        JsonSerializer.Serialize(new { contents = new[] { new { role = "user", parts = new[] { new { text } } } } });
}
