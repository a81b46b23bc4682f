namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>A temp folder for a run file and its app folders, deleted on dispose.</summary>
internal sealed class TempRunFolder : IDisposable
{
    public TempRunFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "launcher-" + Guid.NewGuid().ToString("N")[..12]);

    public string RunFile => Path.Combine(Root, "dapr.yaml");

    public string Dir(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public TempRunFolder File(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return this;
    }

    public TempRunFolder RunYaml(string yaml) => File("dapr.yaml", yaml);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
