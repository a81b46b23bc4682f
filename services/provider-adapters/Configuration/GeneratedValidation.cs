namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>
/// Why a <c>[Range(typeof(TimeSpan), …)]</c> or <c>[MinLength]</c> on an options property is trim-safe here, for the
/// targeted suppressions of IL2026 on those properties (the attributes' constructors are marked
/// RequiresUnreferencedCode: RangeAttribute converts its bounds with a TypeConverter, MinLengthAttribute reads
/// <c>Count</c> by reflection). Nothing constructs these attributes: the options are validated only by the
/// <c>[OptionsValidator]</c> source generators (<see cref="ProvidersOptionsValidator"/>, RegistryOptionsValidator),
/// which emit their own strongly typed copies of both attributes (TimeSpan bounds parsed with TimeSpan.TryParse, the
/// list length read through ICollection; dotnet/runtime PRs 93088 and 94798), and no code reads data annotations by
/// reflection (no ValidateDataAnnotations, no MVC model validation).
/// </summary>
internal static class GeneratedValidation
{
    public const string Justification =
        "Validated by the [OptionsValidator] source generator's own copy of the attribute; nothing reads it by reflection (GeneratedValidation).";
}
