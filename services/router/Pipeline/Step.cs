using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A pipeline step's verdict: go on with <see cref="Go.Value"/>, or stop with the caller's error. Closed.</summary>
internal abstract record Step<T>
{
    private Step()
    {
    }

    public static Step<T> Pass(T value) => new Go(value);

    public static Step<T> Refuse(GatewayError error) => new Stop(error);

    public sealed record Go(T Value) : Step<T>;

    public sealed record Stop(GatewayError Error) : Step<T>;
}
