namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>The run file cannot be used; the message says which file and field.</summary>
internal sealed class RunFileException(string message) : Exception(message);
