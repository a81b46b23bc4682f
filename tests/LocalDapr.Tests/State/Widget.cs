namespace Dapr.AiProvider.LocalDapr.Tests.State;

public sealed record Widget(string Name, int Size);
