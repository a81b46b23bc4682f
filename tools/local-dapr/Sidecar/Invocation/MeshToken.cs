using System.Security.Cryptography;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// A random secret shared through the registry Redis (first sidecar wins with SET NX). Sidecar-to-sidecar
/// calls carry it in <see cref="Header"/>, so the internal route cannot be used to reach an app around
/// DAPR_API_TOKEN (daprd uses mTLS for the same purpose).
/// </summary>
internal sealed class MeshToken(RedisConnections redis)
{
    public const string Header = "localdapr-mesh-token";
    private const string Key = "localdapr||mesh-token";
    private Task<string>? _token;

    public Task<string> GetAsync(CancellationToken ct) => _token ??= FetchAsync(ct);

    private async Task<string> FetchAsync(CancellationToken ct)
    {
        try
        {
            var candidate = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            await redis.Registry.StringSetAsync(Key, candidate, when: When.NotExists).WaitAsync(ct);
            return (string?)await redis.Registry.StringGetAsync(Key).WaitAsync(ct) ?? candidate;
        }
        catch
        {
            _token = null;
            throw;
        }
    }
}
