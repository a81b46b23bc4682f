using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Type-tolerant reads of request JSON: a field of the wrong kind reads as absent instead of throwing.</summary>
internal static class JsonAccess
{
    /// <summary>The named property of an object, or an undefined element.</summary>
    public static JsonElement Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The named property when it is a string.</summary>
    public static string? Str(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The items of an array (none for anything else).</summary>
    public static JsonElement.ArrayEnumerator Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : default;

    public static bool Has(this JsonElement element, string name) => element.Prop(name).ValueKind != JsonValueKind.Undefined;
}
