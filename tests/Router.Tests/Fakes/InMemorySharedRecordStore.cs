using System.Globalization;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>One shared record in memory (the state store's role), ETag-guarded like Dapr's: the ETag is a version number.</summary>
internal class InMemorySharedRecordStore<T> : ISharedRecordStore<T>
    where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private int _version;

    /// <summary>How many saves succeeded.</summary>
    public int Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Runs after each read, before the caller can save: another replica writing in between.</summary>
    public Action? AfterRead { get; set; }

    public Task<(T? Value, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        (T?, string?) read;
        lock (_gate)
        {
            read = (_value, ETag());
        }
        AfterRead?.Invoke();
        return Task.FromResult(read);
    }

    public Task<bool> TrySaveAsync(T value, string? etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ETag() != etag)
            {
                return Task.FromResult(false);
            }
            _value = value;
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <summary>Writes as another replica would, whatever the ETag.</summary>
    public void Overwrite(T value)
    {
        lock (_gate)
        {
            _value = value;
            _version++;
        }
    }

    private string? ETag() => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);
}
