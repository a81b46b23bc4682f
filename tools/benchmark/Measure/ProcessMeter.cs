using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>
/// CPU time (user + system from <c>/proc/{pid}/stat</c>) and resident memory of named processes over one
/// measured run: <see cref="Start"/> before the load, <see cref="Stop"/> after it. RSS is sampled every
/// 200 ms in between, so the peak is the process's own, not the value after the load has drained.
/// On a loaded shared machine wall-clock rates swing; CPU per request does not, so it says where time goes.
/// </summary>
internal sealed class ProcessMeter : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, int> _pids;
    private readonly Dictionary<string, long> _startTicks = [];
    private readonly Dictionary<string, long> _startRss = [];
    private readonly Dictionary<string, long> _startSwitches = [];
    private readonly Dictionary<string, long> _peakRss = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _sampling;
    private Task _sampler = Task.CompletedTask;
    private Dictionary<string, long> _ticks = [];
    private Dictionary<string, long> _switches = [];

    public ProcessMeter(IReadOnlyDictionary<string, int> pids) => _pids = pids;

    public IEnumerable<string> Names => _pids.Keys;

    public void Start()
    {
        foreach (var (name, pid) in _pids)
        {
            _startTicks[name] = ProcStat.CpuTicks(pid);
            _startSwitches[name] = ProcStat.ContextSwitches(pid);
            _startRss[name] = _peakRss[name] = ProcStat.RssBytes(pid);
        }
        _sampling = new CancellationTokenSource();
        var token = _sampling.Token;
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                SampleRss();
            }
        }, token);
    }

    public async Task StopAsync()
    {
        if (_sampling is null)
        {
            return;
        }
        await _sampling.CancelAsync();
        try { await _sampler; } catch (OperationCanceledException) { }
        _sampling.Dispose();
        _sampling = null;
        SampleRss();
        _ticks = _pids.ToDictionary(p => p.Key, p => ProcStat.CpuTicks(p.Value) - _startTicks[p.Key]);
        _switches = _pids.ToDictionary(p => p.Key, p => ProcStat.ContextSwitches(p.Value) - _startSwitches[p.Key]);
    }

    /// <summary>µs of CPU per request (or per stream) of one process over the run; NaN when it is not known.</summary>
    public double MicrosecondsPer(string name, long requests) =>
        requests > 0 && _ticks.TryGetValue(name, out var ticks) ? ticks / ProcStat.TicksPerSecond * 1e6 / requests : double.NaN;

    /// <summary>Context switches per request of one process's threads over the run (threads that ended meanwhile are not
    /// counted); NaN when it is not known.</summary>
    public double SwitchesPer(string name, long requests) =>
        requests > 0 && _switches.TryGetValue(name, out var switches) ? (double)switches / requests : double.NaN;

    /// <summary>Highest resident memory seen during the run, MB.</summary>
    public double PeakRssMb(string name)
    {
        lock (_gate)
        {
            return _peakRss.TryGetValue(name, out var bytes) ? bytes / 1048576.0 : double.NaN;
        }
    }

    /// <summary>Resident memory when the run started, MB.</summary>
    public double StartRssMb(string name) => _startRss.TryGetValue(name, out var bytes) ? bytes / 1048576.0 : double.NaN;

    private void SampleRss()
    {
        foreach (var (name, pid) in _pids)
        {
            var rss = ProcStat.RssBytes(pid);
            lock (_gate)
            {
                _peakRss[name] = Math.Max(_peakRss.GetValueOrDefault(name), rss);
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
