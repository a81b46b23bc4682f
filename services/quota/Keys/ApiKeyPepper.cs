using System.Security.Cryptography;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.Client;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>
/// The server-side pepper of the key HMAC: configuration <c>Quota:Keys:Pepper</c>, else the secret
/// <c>api-key-pepper</c> in <c>secretstore</c>. Only in Development, when neither exists, a random
/// pepper is generated for this process (keys then stop verifying after a restart). Elsewhere a missing
/// pepper makes every key operation fail (503) instead of hashing with a guessable value.
/// </summary>
internal sealed partial class ApiKeyPepper(IConfiguration configuration, IHostEnvironment environment, DaprClient dapr,
    ILogger<ApiKeyPepper> logger)
{
    public const string SecretName = "api-key-pepper";
    public const string ConfigKey = "Quota:Keys:Pepper";
    private const int MinimumLength = 16;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _pepper;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_pepper is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _pepper ??= await ResolveAsync(cancellationToken);
            return _pepper;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string> HashAsync(string key, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await GetAsync(cancellationToken), Encoding.UTF8.GetBytes(key)));

    private async Task<byte[]> ResolveAsync(CancellationToken cancellationToken)
    {
        if (configuration[ConfigKey] is { Length: > 0 } configured)
        {
            return Checked(configured);
        }
        try
        {
            var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, SecretName, cancellationToken: cancellationToken);
            var value = secret.TryGetValue(SecretName, out var named) ? named : secret.Values.FirstOrDefault();
            if (!string.IsNullOrEmpty(value))
            {
                Log.FromSecret(logger, SecretName);
                return Checked(value);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && environment.IsDevelopment())
        {
            Log.SecretUnavailable(logger, ex.GetType().Name);
        }
        if (environment.IsDevelopment())
        {
            Log.Generated(logger);
            return RandomNumberGenerator.GetBytes(32);
        }
        throw new InvalidOperationException($"No API key pepper: set secret '{SecretName}' in '{DaprNames.SecretStore}' or {ConfigKey}.");
    }

    private static byte[] Checked(string value) => value.Length >= MinimumLength
        ? Encoding.UTF8.GetBytes(value)
        : throw new InvalidOperationException($"The API key pepper must have at least {MinimumLength} characters.");

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "API key pepper taken from secret {SecretName}")]
        public static partial void FromSecret(ILogger logger, string secretName);

        [LoggerMessage(2, LogLevel.Warning, "API key pepper secret unavailable ({Error})")]
        public static partial void SecretUnavailable(ILogger logger, string error);

        [LoggerMessage(3, LogLevel.Warning, "Development: no API key pepper configured; generated one for this process (keys will not survive a restart)")]
        public static partial void Generated(ILogger logger);
    }
}
