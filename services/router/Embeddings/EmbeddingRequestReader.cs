using System.Text.Json;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>
/// Checks an OpenAI embeddings body as OpenAI does (https://platform.openai.com/docs/api-reference/embeddings/create,
/// checked 2026-12-07): <c>model</c> required, <c>input</c> a non-empty string or an array of 1–2048 non-empty strings,
/// <c>encoding_format</c> float or base64, <c>dimensions</c> positive. Token arrays are refused with a clear 400:
/// turning them back into text needs each model's own tokenizer.
/// </summary>
internal static class EmbeddingRequestReader
{
    public const int MaxInputs = 2048;

    public static (IReadOnlyList<string>? Inputs, GatewayError? Error) Read(EmbeddingRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return Invalid("You must provide a model parameter.", "model");
        }
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            return Invalid($"Invalid encoding_format '{request.EncodingFormat}': use float or base64.", "encoding_format");
        }
        if (request.Dimensions is <= 0)
        {
            return Invalid("dimensions must be a positive integer.", "dimensions");
        }
        switch (request.Input)
        {
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString() is { Length: > 0 } one ? ([one], null) : Invalid("input must not be an empty string.", "input");
            case { ValueKind: JsonValueKind.Array } array:
                return ReadArray(array);
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return Invalid("You must provide an input parameter: a string or an array of strings.", "input");
            default:
                return Invalid("input must be a string or an array of strings.", "input");
        }
    }

    private static (IReadOnlyList<string>?, GatewayError?) ReadArray(JsonElement array)
    {
        var count = array.GetArrayLength();
        if (count is 0 or > MaxInputs)
        {
            return Invalid($"input must hold between 1 and {MaxInputs} items, not {count}.", "input");
        }
        var inputs = new List<string>(count);
        foreach (var item in array.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String when item.GetString() is { Length: > 0 } text:
                    inputs.Add(text);
                    break;
                case JsonValueKind.String:
                    return Invalid($"input[{inputs.Count}] must not be an empty string.", "input");
                case JsonValueKind.Number or JsonValueKind.Array:
                    return Invalid("Token arrays are not supported by this gateway: send the text itself (a string or an array of strings).", "input");
                default:
                    return Invalid($"input[{inputs.Count}] must be a string.", "input");
            }
        }
        return (inputs, null);
    }

    private static (IReadOnlyList<string>?, GatewayError?) Invalid(string message, string param) =>
        (null, new GatewayError(400, "invalid_request_error", message) { Param = param });
}
