using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>
/// A request reserved from a free-window lease must leave before the lease ends, or it could reach the provider in a
/// window the lease was not counted in (the upstream 429s of the accelerated free day). The reservation carries the
/// lease's end (<see cref="WindowPass.SendBy"/>, sent as <see cref="AdapterChatRequest.SendBy"/>); provider-adapters
/// refuses to send past it (<c>LeaseDeadlineTests</c> there) and the router leases again.
/// </summary>
public sealed class LeaseDeadlineTests
{
    private const string Scope = "provider:groq:llama-8b";
    private static readonly LeaseAmounts One = new(1, 10, 0);
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static CatalogModel Groq() =>
        TestCatalog.Model("groq", "llama-8b", free: true, input: 0, output: 0, aliases: ["llama"]) with
        {
            FreeWindows = new FreeTierWindows { RequestsPerMinute = 30, Scope = "model", ResetTimeZone = "UTC" },
        };

    private static readonly CatalogModel Paid = TestCatalog.Model("openai", "gpt-4o-mini", input: 150_000, output: 600_000, aliases: ["llama"]);

    private static (ProviderWindowGuard Guard, FakeLeaseSource Source, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(Start);
        var source = new FakeLeaseSource { Now = Start, WindowLeaseEnd = Start.AddSeconds(58) }; // QuotaPolicy: the minute's end less the 2 s guard
        source.RequestWindows[Scope] = (30, 30);
        var options = new RouterOptions { BootstrapKey = "test-bootstrap-key" };
        new RouterOptionsDefaults().PostConfigure(null, options);
        return (new ProviderWindowGuard(source, MsOptions.Create(options), time), source, time);
    }

    [Fact]
    public async Task Reserve_LimitedWindow_PassCarriesItsLeaseEnd()
    {
        var (guard, _, _) = Create();

        var pass = await guard.ReserveAsync(Groq(), One, default);

        Assert.Null(pass.Refusal);
        Assert.Equal(Start.AddSeconds(58), pass.SendBy);
    }

    [Fact]
    public async Task Reserve_NoLimitedWindow_NoDeadline()
    {
        var (guard, _, _) = Create();

        var pass = await guard.ReserveAsync(Paid, One, default); // its scopes are unlimited

        Assert.Null(pass.Refusal);
        Assert.Null(pass.SendBy);
    }

    [Fact]
    public async Task Reserve_AfterItsLeaseEnded_LeasedAgainWithTheNewLeasesEnd()
    {
        var (guard, source, time) = Create();
        var first = await guard.ReserveAsync(Groq(), One, default);
        var acquires = source.Acquires;

        time.Advance(TimeSpan.FromSeconds(58)); // the slice still holds requests, but its lease has ended
        source.WindowLeaseEnd = Start.AddMinutes(1).AddSeconds(58);
        guard.Settle(first, LeaseAmounts.Zero); // the adapters did not send it
        var again = await guard.ReserveAsync(Groq(), One, default);

        Assert.Null(again.Refusal);
        Assert.Equal(acquires + 1, source.Acquires); // asked the actor, not the ended slice
        Assert.Equal(Start.AddMinutes(1).AddSeconds(58), again.SendBy);
        var settled = source.Settlements.Last(s => s.Scope == Scope).Settlement;
        Assert.Equal(0, settled.UsedRequests); // the request that never left is not charged to the ended lease
    }

    private static RouterFactory Factory()
    {
        var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog { Version = "deadline-1", Models = [Groq(), Paid] };
        factory.Leases.RequestWindows[Scope] = (30, 30);
        factory.Leases.WindowLeaseEnd = DateTimeOffset.UtcNow.AddMinutes(5);
        return factory;
    }

    private static StringContent Ask() =>
        new("""{"model":"llama","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static AttemptOutcome<AdapterChatResult> LeaseEnded(AdapterChatRequest request) =>
        AttemptOutcome<AdapterChatResult>.Failure(new AdapterError
        {
            Class = ErrorClass.WindowLeaseEnded, Message = "not sent", Provider = request.Provider, Model = request.Model,
        });

    [Fact]
    public async Task ChatCompletions_LeaseEndedBeforeTheAdaptersSent_LeasedAgainAndServedByTheSameFreeTier()
    {
        using var factory = Factory();
        var calls = 0;
        factory.Backend.Answer("groq/llama-8b", r => Interlocked.Increment(ref calls) == 1
            ? LeaseEnded(r)
            : AttemptOutcome<AdapterChatResult>.Success(FakeBackend.Success(r)));
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("groq", Header(response, "x-aiprovider-provider"));
        Assert.Equal("", Header(response, "x-aiprovider-fallbacks")); // not a failover: the same attempt, leased again
        var sent = factory.Backend.Calls.Where(c => c.Provider == "groq").ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, c => Assert.Equal(factory.Leases.WindowLeaseEnd, c.SendBy));
    }

    [Fact]
    public async Task ChatCompletions_EveryLeaseEndsBeforeSend_SkippedAfterThreeLeasesNextCandidateServes()
    {
        using var factory = Factory();
        factory.Backend.Answer("groq/llama-8b", LeaseEnded);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", Header(response, "x-aiprovider-provider"));
        Assert.Equal("groq/llama-8b:window_lease_ended", Header(response, "x-aiprovider-fallbacks"));
        Assert.Equal(3, factory.Backend.Calls.Count(c => c.Provider == "groq"));
        Assert.Null(factory.Backend.Calls.Single(c => c.Provider == "openai").SendBy); // a paid model has no window
    }
}
