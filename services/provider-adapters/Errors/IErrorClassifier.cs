namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>Reads one family's failure signals (status, headers, body) into the closed vocabulary.</summary>
internal interface IErrorClassifier
{
    Classification Classify(ProviderFailure failure, DateTimeOffset now);
}
