using System.Collections.Frozen;
using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// The wire (snake_case) name of each <see cref="ErrorClass"/>, for messages, logs, spans and metric tags — read
/// from the contract's own JSON attribute, so a class added to Contracts has its name here without a second map
/// (and never a silent "unknown").
/// </summary>
internal static class ErrorClassNames
{
    private static readonly FrozenDictionary<ErrorClass, string> Names = Enum.GetValues<ErrorClass>().ToFrozenDictionary(
        c => c, c => JsonSerializer.Serialize(c, ContractsJsonContext.Default.ErrorClass).Trim('"'));

    public static string Of(ErrorClass errorClass) => Names[errorClass];
}
