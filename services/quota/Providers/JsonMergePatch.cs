using System.Text.Json.Nodes;

namespace Dapr.AiProvider.Quota.Providers;

/// <summary>JSON Merge Patch (RFC 7396): objects merge member by member, <c>null</c> removes a member, anything else
/// (arrays included) replaces the target's value.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
