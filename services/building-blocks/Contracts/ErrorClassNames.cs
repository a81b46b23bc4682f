using System.Collections.Frozen;
using System.Text.Json;

namespace Dapr.AiProvider.Contracts;

/// <summary>
/// The wire (snake_case) name of each <see cref="ErrorClass"/>, for headers, messages, logs, spans and metric tags in
/// every service — read from the enum's own JSON attribute, so a class added here has its name without a second map
/// (and never a silent "unknown"); the name reads back as the same class.
/// </summary>
public static class ErrorClassNames
{
    private static readonly FrozenDictionary<ErrorClass, string> Names = Enum.GetValues<ErrorClass>().ToFrozenDictionary(
        c => c, c => JsonSerializer.Serialize(c, ContractsJsonContext.Default.ErrorClass).Trim('"'));

    public static string Of(ErrorClass errorClass) => Names[errorClass];
}
