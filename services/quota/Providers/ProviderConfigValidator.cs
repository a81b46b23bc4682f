using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapr.AiProvider.Contracts.Providers;

namespace Dapr.AiProvider.Quota.Providers;

/// <summary>
/// Checks a provider's settings before they reach the registry, so the adapters never read a configuration they
/// cannot build: the same rules as their start-up check of <c>providers.json</c>, plus what only a registry needs
/// (a paid model carries its price; no credential in the settings). Every problem is listed, keyed by the field's
/// path (<c>baseUrl</c>, <c>models[1].price</c>, <c>freeWindows.rpm</c>), as a 400's <c>errors</c>.
/// </summary>
internal static partial class ProviderConfigValidator
{
    private static readonly HashSet<string> AccountFields = new(StringComparer.Ordinal)
    {
        "id", "family", "baseUrl", "simulatorPath", "apiKeySecret", "simulatorOnly", "headers", "tokenExchangeUrl",
        "modelsSource", "modelsCheckedOn", "retiresOn", "freeWindows", "resetTimeZone", "rateLimitHeaders", "models",
    };

    private static readonly HashSet<string> ModelFields = new(StringComparer.Ordinal)
    {
        "model", "aliases", "freeTier", "contextWindow", "maxOutputTokens", "capabilities", "quality", "retiresOn", "freeWindows", "price",
    };

    private static readonly HashSet<string> WindowFields = new(StringComparer.Ordinal)
    {
        "rpm", "rpd", "tpm", "tpd", "monthlyCreditUsd", "source", "checkedOn",
    };

    private static readonly HashSet<string> PriceFields = new(StringComparer.Ordinal)
    {
        "inputPerMTokMicros", "cachedInputPerMTokMicros", "cacheWritePerMTokMicros", "outputPerMTokMicros",
    };

    /// <summary>Header names that carry credentials: keys come from the secret store by <c>apiKeySecret</c>, never from the table.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key", "cookie",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    public static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("%[A-Za-z_][A-Za-z0-9_]*%")]
    private static partial Regex EnvironmentToken();

    /// <summary>The problems of <paramref name="config"/> as the settings of provider <paramref name="id"/>; empty when good.</summary>
    public static Dictionary<string, string[]> Validate(string id, JsonElement config)
    {
        var errors = new Errors();
        if (!IdPattern().IsMatch(id))
        {
            errors.Add("id", $"'{id}' is not a provider id (lower-case letters, digits, '.', '_', '-'; at most 100).");
        }
        if (config.ValueKind != JsonValueKind.Object)
        {
            errors.Add("config", "The provider's settings must be a JSON object.");
            return errors.ToDictionary();
        }
        Unknown(config, AccountFields, "", errors);
        if (config.TryGetProperty("id", out var ownId) && (ownId.ValueKind != JsonValueKind.String || ownId.GetString() != id))
        {
            errors.Add("id", $"The settings name provider '{ownId}', not '{id}'.");
        }
        var family = Text(config, "family", "", errors, required: true);
        if (family is not null && !ProviderVocabulary.Families.Contains(family))
        {
            errors.Add("family", $"Unknown wire format '{family}' (known: {string.Join(", ", ProviderVocabulary.Families.Order(StringComparer.Ordinal))}).");
        }
        if (Text(config, "baseUrl", "", errors, required: true) is { } baseUrl && !IsHttpUrl(EnvironmentToken().Replace(baseUrl, "x")))
        {
            errors.Add("baseUrl", $"'{baseUrl}' is not an absolute http(s) URL.");
        }
        if (Text(config, "tokenExchangeUrl", "", errors) is { } exchange && !IsHttpUrl(exchange))
        {
            errors.Add("tokenExchangeUrl", $"'{exchange}' is not an absolute http(s) URL.");
        }
        if (Text(config, "simulatorPath", "", errors) is { } simulatorPath && !simulatorPath.StartsWith('/'))
        {
            errors.Add("simulatorPath", "The simulator path starts with '/', e.g. /openai/v1.");
        }
        if (Text(config, "apiKeySecret", "", errors) is { Length: > 0 } secret && !SecretNamePattern().IsMatch(secret))
        {
            errors.Add("apiKeySecret", "The name of a secret in the secret store (letters, digits, '.', '_', '-'), not a key.");
        }
        if (Text(config, "rateLimitHeaders", "", errors) is { } dialect && !ProviderVocabulary.RateLimitDialects.Contains(dialect))
        {
            errors.Add("rateLimitHeaders", $"Unknown rate-limit header dialect '{dialect}' (known: {string.Join(", ", ProviderVocabulary.RateLimitDialects.Order(StringComparer.Ordinal))}).");
        }
        if (Text(config, "resetTimeZone", "", errors) is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("resetTimeZone", $"Unknown time zone '{zone}' (an IANA id such as UTC or America/Los_Angeles).");
        }
        Text(config, "modelsSource", "", errors);
        Day(config, "modelsCheckedOn", "", errors);
        Day(config, "retiresOn", "", errors);
        Flag(config, "simulatorOnly", "", errors);
        Headers(config, errors);
        Windows(config, "", errors);
        Models(config, errors);
        return errors.ToDictionary();
    }

    private static void Models(JsonElement config, Errors errors)
    {
        if (!config.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0)
        {
            errors.Add("models", "At least one model is required.");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var model in models.EnumerateArray())
        {
            var at = $"models[{i++}].";
            if (model.ValueKind != JsonValueKind.Object)
            {
                errors.Add(at.TrimEnd('.'), "A model is a JSON object.");
                continue;
            }
            Unknown(model, ModelFields, at, errors);
            if (Text(model, "model", at, errors, required: true) is { } name && !names.Add(name))
            {
                errors.Add(at + "model", $"Model '{name}' is listed twice.");
            }
            var free = Flag(model, "freeTier", at, errors) ?? false;
            var context = Whole(model, "contextWindow", at, errors, 1, 10_000_000) ?? 8192;
            var output = Whole(model, "maxOutputTokens", at, errors, 1, 1_000_000) ?? 4096;
            if (output > context)
            {
                errors.Add(at + "maxOutputTokens", $"maxOutputTokens {output} is above contextWindow {context}.");
            }
            Whole(model, "quality", at, errors, 1, 10);
            Strings(model, "aliases", at, errors);
            Strings(model, "capabilities", at, errors);
            Day(model, "retiresOn", at, errors);
            Windows(model, at, errors);
            var hasPrice = model.TryGetProperty("price", out var price) && price.ValueKind != JsonValueKind.Null;
            if (hasPrice)
            {
                Price(price, at + "price.", errors);
            }
            else if (!free)
            {
                errors.Add(at + "price", "A model that is not free tier needs its price (inputPerMTokMicros, outputPerMTokMicros: US$ millionths per million tokens).");
            }
        }
    }

    private static void Windows(JsonElement owner, string at, Errors errors)
    {
        if (!owner.TryGetProperty("freeWindows", out var windows) || windows.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        at += "freeWindows.";
        if (windows.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.TrimEnd('.'), "Free windows are a JSON object (rpm, rpd, tpm, tpd, monthlyCreditUsd).");
            return;
        }
        Unknown(windows, WindowFields, at, errors);
        foreach (var field in (string[])["rpm", "rpd", "tpm", "tpd"])
        {
            Whole(windows, field, at, errors, 1, long.MaxValue);
        }
        if (windows.TryGetProperty("monthlyCreditUsd", out var credit) && credit.ValueKind != JsonValueKind.Null
            && (!credit.TryGetDecimal(out var usd) || usd <= 0 || usd > 1_000_000))
        {
            errors.Add(at + "monthlyCreditUsd", "A positive amount of US dollars (at most 1,000,000).");
        }
        Text(windows, "source", at, errors);
        Day(windows, "checkedOn", at, errors);
    }

    private static void Price(JsonElement price, string at, Errors errors)
    {
        if (price.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.TrimEnd('.'), "A price is a JSON object (inputPerMTokMicros, outputPerMTokMicros, …).");
            return;
        }
        Unknown(price, PriceFields, at, errors);
        foreach (var field in PriceFields)
        {
            Whole(price, field, at, errors, 0, 1_000_000_000_000);
        }
    }

    private static void Headers(JsonElement config, Errors errors)
    {
        if (!config.TryGetProperty("headers", out var headers) || headers.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (headers.ValueKind != JsonValueKind.Object)
        {
            errors.Add("headers", "Headers are a JSON object of names to values.");
            return;
        }
        foreach (var header in headers.EnumerateObject())
        {
            if (CredentialHeaders.Contains(header.Name))
            {
                errors.Add("headers." + header.Name, "Credentials never go in the registry: name the secret in apiKeySecret.");
            }
            else if (header.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add("headers." + header.Name, "A header value is a string.");
            }
        }
    }

    private static void Unknown(JsonElement obj, HashSet<string> known, string at, Errors errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add(at + property.Name, $"Unknown field (known: {string.Join(", ", known)}).");
            }
        }
    }

    private static string? Text(JsonElement obj, string name, string at, Errors errors, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(at + name, "Required.");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(value.GetString())))
        {
            errors.Add(at + name, required ? "A non-empty string is required." : "A string is expected.");
            return null;
        }
        return value.GetString();
    }

    private static bool? Flag(JsonElement obj, string name, string at, Errors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(at + name, "true or false.");
            return null;
        }
        return value.GetBoolean();
    }

    private static long? Whole(JsonElement obj, string name, string at, Errors errors, long min, long max)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            errors.Add(at + name, $"A whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.");
            return null;
        }
        return number;
    }

    private static void Day(JsonElement obj, string name, string at, Errors errors)
    {
        if (Text(obj, name, at, errors) is { } text
            && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(at + name, "A day as yyyy-MM-dd.");
        }
    }

    private static void Strings(JsonElement obj, string name, string at, Errors errors)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            && (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String)))
        {
            errors.Add(at + name, "A list of strings.");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Problems by field, several per field kept in order.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
