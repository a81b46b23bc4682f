namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// The o200k_base token count of text that arrives in parts (a stream's deltas), equal to counting the whole text at
/// once, while holding only the part not yet settled: once the held text reaches <see cref="SettleAtChars"/>, its
/// settled front is counted and dropped (<see cref="O200kEncoding.CountSettled"/>). A stream's memory so stays about
/// 4 KB however long its answer; only one unbroken piece (a 100,000-letter "word", a whitespace run) is held whole
/// until it ends. Issue 20: keeping the whole relayed text cost 2 bytes a character per open stream.
/// </summary>
internal sealed class StreamedTokenCount
{
    /// <summary>Held characters at which the settled front is counted; short answers are counted once, at the end.</summary>
    public const int SettleAtChars = 2048;

    private readonly int _settleAtChars;
    private char[] _held = [];
    private int _heldLength;
    private int _settleAt;
    private int _settledTokens;

    /// <param name="settleAtChars">Tests settle at every delta (1) to prove the count exact at any boundary.</param>
    public StreamedTokenCount(int settleAtChars = SettleAtChars)
    {
        _settleAtChars = settleAtChars;
        _settleAt = settleAtChars;
    }

    /// <summary>Characters held, settled or not (what the count costs in memory: 2 bytes each).</summary>
    public int HeldCapacity => _held.Length;

    /// <summary>Characters appended so far.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }
        if (_heldLength + text.Length > _held.Length)
        {
            Array.Resize(ref _held, Math.Max(_heldLength + text.Length, Math.Min(2 * _held.Length + 64, _settleAtChars + 64)));
        }
        text.CopyTo(_held.AsSpan(_heldLength));
        _heldLength += text.Length;
        Length += text.Length;
        if (_heldLength >= _settleAt)
        {
            Settle();
        }
    }

    /// <summary>The tokens of everything appended so far.</summary>
    public int Count() => _settledTokens + O200kEncoding.Instance.CountTokens(_held.AsSpan(0, _heldLength));

    private void Settle()
    {
        _settledTokens += O200kEncoding.Instance.CountSettled(_held.AsSpan(0, _heldLength), out var settled);
        _held.AsSpan(settled, _heldLength - settled).CopyTo(_held);
        _heldLength -= settled;
        // A piece that does not settle (one long word) is scanned again only once the held text has doubled, so a
        // long piece costs linear time, not a rescan per delta.
        _settleAt = Math.Max(_settleAtChars, 2 * _heldLength);
    }
}
