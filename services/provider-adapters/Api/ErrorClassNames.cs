using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>The wire (snake_case) name of each <see cref="ErrorClass"/>, as its JSON converter writes it.</summary>
internal static class ErrorClassNames
{
    private static readonly Dictionary<ErrorClass, string> Names = Enum.GetValues<ErrorClass>()
        .ToDictionary(c => c, c => JsonSerializer.Serialize(c, ErrorClassJsonContext.Default.ErrorClass).Trim('"'));

    public static string Of(ErrorClass errorClass) => Names[errorClass];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ErrorClass))]
internal sealed partial class ErrorClassJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
