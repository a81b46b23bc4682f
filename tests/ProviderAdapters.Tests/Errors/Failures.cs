using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

internal static class Failures
{
    public static readonly DateTimeOffset Now = new(2026, 7, 4, 10, 0, 0, TimeSpan.Zero);

    public static ProviderFailure Make(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return new ProviderFailure(status, response.Headers, body);
    }
}
