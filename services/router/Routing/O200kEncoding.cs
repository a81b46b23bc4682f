using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// Counts o200k_base tokens exactly as <c>Microsoft.ML.Tokenizers</c>' <c>TiktokenTokenizer</c> does (same
/// pre-tokenizer regex, same byte-pair merges, same two special tokens), from the ranks in that library's
/// data package, held compactly: that library keeps three 200,000-entry dictionaries (41 MB of live heap;
/// the router's RSS under load fell from ~188 to ~150 MB without them); this keeps every token's bytes back to
/// back in one array, found through an open-addressing table of ranks (4.3 MB). Counting needs no ids or
/// decoding, so nothing else is kept. Exactness against the library is pinned by <c>O200kEncodingTests</c>
/// (docs/accounting.md, docs/benchmarks-peer.md "Router memory").
/// </summary>
internal sealed partial class O200kEncoding
{
    // tiktoken_ext/openai_public.py o200k_base, as Microsoft.ML.Tokenizers 2.0.1 writes it for .NET (TiktokenTokenizer.cs).
    private const string PreTokenizerPattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    // The special tokens TiktokenTokenizer.CreateForEncoding("o200k_base") registers; each counts as one token.
    private static readonly string[] SpecialTokens = ["<|endoftext|>", "<|endofprompt|>"];

    private const string DataAssembly = "Microsoft.ML.Tokenizers.Data.O200kBase";
    private const string DataResource = "o200k_base.tiktoken.deflate";
    private const int StackPieceBytes = 256;

    private static readonly Lazy<O200kEncoding> Shared = new(() => Load(OpenRanks()));

    [ThreadStatic]
    private static PriorityQueue<int, long>? t_merges;

    private readonly byte[] _tokenBytes;
    private readonly int[] _tokenStarts;
    private readonly int[] _slots; // rank + 1 of the token in each slot, 0 for an empty slot

    /// <param name="tokenBytes">Every token's bytes, in rank order, back to back.</param>
    /// <param name="tokenStarts">Where each rank's bytes start in <paramref name="tokenBytes"/>, and where the last ends.</param>
    private O200kEncoding(byte[] tokenBytes, int[] tokenStarts)
    {
        _tokenBytes = tokenBytes;
        _tokenStarts = tokenStarts;
        var tokens = tokenStarts.Length - 1;
        _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)tokens * 2)];
        for (var token = 0; token < tokens; token++)
        {
            var slot = FindSlot(TokenAt(token));
            _slots[slot] = token + 1;
        }
    }

    /// <summary>The one instance of the process, loaded at first use (0.17 s on the 2-core development machine).</summary>
    public static O200kEncoding Instance => Shared.Value;

    public int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            var (at, length) = NextSpecialToken(text);
            if (at < 0)
            {
                return count + CountOrdinary(text);
            }
            count += CountOrdinary(text[..at]) + 1;
            text = text[(at + length)..];
        }
        return count;
    }

    /// <summary>
    /// Counts the longest front of <paramref name="text"/> whose tokens no text appended later can change, for counting
    /// a stream as it arrives (<see cref="StreamedTokenCount"/>): everything up to the last special token, then every
    /// pre-tokenizer piece but the last two. Two, not one: a piece is settled only once the regex's look past its end
    /// ended inside the text, and that look reaches into the second piece after it ("don" + "'" becomes "don't" when
    /// "t" arrives; "\n" + "  " becomes one piece when "\n" arrives). A suffix that could begin a special token is not
    /// settled either: if the token completes, the text before it is counted as it ends there.
    /// </summary>
    /// <param name="settledLength">How many characters of the front of <paramref name="text"/> the count covers.</param>
    public int CountSettled(ReadOnlySpan<char> text, out int settledLength)
    {
        var count = 0;
        settledLength = 0;
        for (var (at, length) = NextSpecialToken(text); at >= 0; (at, length) = NextSpecialToken(text[settledLength..]))
        {
            count += CountOrdinary(text.Slice(settledLength, at)) + 1;
            settledLength += at + length;
        }
        var open = text[settledLength..];
        open = open[..PossibleSpecialTokenStart(open)];
        // The last two pieces seen, held back: (index, length), -1 while fewer than two have been seen.
        (int Index, int Length) older = (-1, 0), newer = (-1, 0);
        foreach (var piece in PreTokenizer().EnumerateMatches(open))
        {
            if (older.Index >= 0)
            {
                count += CountPiece(open.Slice(older.Index, older.Length));
            }
            (older, newer) = (newer, (piece.Index, piece.Length));
        }
        // The settled front ends where the oldest piece held back starts (pieces are contiguous: every character matches).
        settledLength += older.Index >= 0 ? older.Index : 0;
        return count;
    }

    /// <summary>Where the longest suffix of <paramref name="text"/> that begins a special token starts (its length if none).</summary>
    private static int PossibleSpecialTokenStart(ReadOnlySpan<char> text)
    {
        var start = text.Length;
        foreach (var special in SpecialTokens)
        {
            for (var length = Math.Min(special.Length - 1, text.Length); length > 0 && text.Length - length < start; length--)
            {
                if (special.AsSpan().StartsWith(text[^length..], StringComparison.Ordinal))
                {
                    start = text.Length - length;
                    break;
                }
            }
        }
        return start;
    }

    /// <summary>
    /// Reads the data package's ranks file: a "Capacity: N" line, then one base64 token per line, its rank the line's
    /// number (how TiktokenTokenizer.LoadTiktokenBpeAsync reads a file without explicit ranks).
    /// </summary>
    private static O200kEncoding Load(Stream ranksFile)
    {
        using var reader = new StreamReader(ranksFile, Encoding.ASCII);
        var bytes = new ArrayBufferWriter<byte>(2 << 20);
        var starts = new List<int>(200_000) { 0 };
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("Capacity: ", StringComparison.Ordinal))
            {
                continue;
            }
            var destination = bytes.GetSpan(line.Length);
            if (line.Length == 0 || !Convert.TryFromBase64Chars(line, destination, out var written))
            {
                throw new InvalidDataException($"o200k ranks: no base64 token for rank {starts.Count - 1}");
            }
            bytes.Advance(written);
            starts.Add(bytes.WrittenCount);
        }
        return new O200kEncoding(bytes.WrittenSpan.ToArray(), [.. starts]);
    }

    private static Stream OpenRanks()
    {
        var resource = Assembly.Load(DataAssembly).GetManifestResourceStream(DataResource)
            ?? throw new InvalidOperationException($"{DataAssembly} has no resource {DataResource}");
        return new DeflateStream(resource, CompressionMode.Decompress);
    }

    private static (int At, int Length) NextSpecialToken(ReadOnlySpan<char> text)
    {
        var first = (At: -1, Length: 0);
        foreach (var special in SpecialTokens)
        {
            var at = text.IndexOf(special, StringComparison.Ordinal);
            if (at >= 0 && (first.At < 0 || at < first.At))
            {
                first = (at, special.Length);
            }
        }
        return first;
    }

    private int CountOrdinary(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var piece in PreTokenizer().EnumerateMatches(text))
        {
            count += CountPiece(text.Slice(piece.Index, piece.Length));
        }
        return count;
    }

    private int CountPiece(ReadOnlySpan<char> piece)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(piece.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackPieceBytes ? stackalloc byte[StackPieceBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var utf8 = buffer[..Encoding.UTF8.GetBytes(piece, buffer)];
            return utf8.Length == 1 || Rank(utf8) >= 0 ? 1 : CountMerged(utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// tiktoken's byte-pair merge (src/lib.rs <c>byte_pair_merge</c>): start from single bytes and merge the adjacent
    /// pair whose bytes have the lowest rank, leftmost first, until no pair is a token. The pairs wait in a heap
    /// ordered by (rank, position), so a long piece costs n log n rather than n².
    /// </summary>
    private int CountMerged(ReadOnlySpan<byte> piece)
    {
        var n = piece.Length;
        var pool = ArrayPool<int>.Shared;
        int[] next = pool.Rent(n), prev = pool.Rent(n), pairRank = pool.Rent(n);
        var merges = t_merges ??= new PriorityQueue<int, long>();
        merges.Clear();
        try
        {
            for (var i = 0; i < n; i++)
            {
                next[i] = i + 1;
                prev[i] = i - 1;
            }
            for (var i = 0; i < n - 1; i++)
            {
                QueuePair(piece, i, next, pairRank, merges);
            }
            var parts = n;
            while (merges.TryDequeue(out var at, out var key))
            {
                if (pairRank[at] != (int)(key >> 32))
                {
                    continue; // stale: this part merged or changed neighbour since it was queued
                }
                var gone = next[at];
                next[at] = next[gone];
                if (next[at] < n)
                {
                    prev[next[at]] = at;
                }
                pairRank[gone] = -1;
                parts--;
                QueuePair(piece, at, next, pairRank, merges);
                if (prev[at] >= 0)
                {
                    QueuePair(piece, prev[at], next, pairRank, merges);
                }
            }
            return parts;
        }
        finally
        {
            pool.Return(next);
            pool.Return(prev);
            pool.Return(pairRank);
        }
    }

    /// <summary>Ranks the pair of parts starting at <paramref name="at"/> (its part and the next) and queues it if it is a token.</summary>
    private void QueuePair(ReadOnlySpan<byte> piece, int at, int[] next, int[] pairRank, PriorityQueue<int, long> merges)
    {
        var rank = next[at] < piece.Length ? Rank(piece[at..next[next[at]]]) : -1;
        pairRank[at] = rank;
        if (rank >= 0)
        {
            merges.Enqueue(at, ((long)rank << 32) | (uint)at);
        }
    }

    /// <summary>The rank of the token with these bytes, -1 if they are none.</summary>
    private int Rank(ReadOnlySpan<byte> bytes) => _slots[FindSlot(bytes)] - 1;

    /// <summary>The slot holding <paramref name="bytes"/>, or the empty slot where they would go (linear probing).</summary>
    private int FindSlot(ReadOnlySpan<byte> bytes)
    {
        var mask = _slots.Length - 1;
        var hash = new HashCode();
        hash.AddBytes(bytes);
        for (var slot = hash.ToHashCode() & mask; ; slot = (slot + 1) & mask)
        {
            var token = _slots[slot] - 1;
            if (token < 0 || TokenAt(token).SequenceEqual(bytes))
            {
                return slot;
            }
        }
    }

    private ReadOnlySpan<byte> TokenAt(int token) => _tokenBytes.AsSpan(_tokenStarts[token], _tokenStarts[token + 1] - _tokenStarts[token]);

    [GeneratedRegex(PreTokenizerPattern)]
    private static partial Regex PreTokenizer();
}
