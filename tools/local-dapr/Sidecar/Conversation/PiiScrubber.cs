using System.Text;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// The PII scrubber daprd runs on conversation texts: <c>piiscrubber.NewDefaultScrubber()</c> of
/// github.com/aavaz-ai/pii-scrubber (commit 3fa450ab, the version dapr/dapr's go.mod pins), ported line by line from
/// its <c>scrubber.go</c>, <c>entity_scrubber.go</c> and <c>regex.go</c>. Each match is replaced by the entity's
/// placeholder (<c>&lt;EMAIL_ADDRESS&gt;</c>, <c>&lt;PHONE_NUMBER&gt;</c>, …); links and git URLs are left alone.
/// </summary>
/// <remarks>
/// Go matches on UTF-8 bytes with ASCII-only <c>\d</c>, <c>\w</c>, <c>\s</c> and <c>\b</c>. To give the same
/// offsets and matches, a text is scrubbed as its UTF-8 bytes (one Latin-1 char per byte) with those classes spelled
/// out in ASCII (<see cref="FromRe2"/>). The quirks are kept on purpose, because daprd has them: an interval that
/// touches the previous one starts one byte after it, and among matches of the same span the last entity tried wins
/// (Go's <c>sort.Slice</c> with the scrubber's <c>&gt;=</c> comparison is an insertion sort below 13 elements).
/// </remarks>
internal static class PiiScrubber
{
    // regex.go, verbatim (Go raw strings).
    private const string PhonePattern = """/(?:(?:\+?\d{1,3}[-.\s*]?)?(?:\d\s?){8,11})|(?:(?:\+?\d{1,3}[-.\s*]?)?(?:\(?\d{2,3}\)?[-.\s*]?)?\d{2,3}[-.\s*]?\d{2,6})|(?:(?:(?:\(\+?\d{1,2}\))|(?:\+?\d{1,2}))\s*\d{2}\s*\d{3}\s*\d{4})/gm""";
    private const string PhonesWithExtsPattern = """(?i)(?:(?:\+?1\s*(?:[.-]\s*)?)?(?:\(\s*(?:[2-9]1[02-9]|[2-9][02-8]1|[2-9][02-8][02-9])\s*\)|(?:[2-9]1[02-9]|[2-9][02-8]1|[2-9][02-8][02-9]))\s*(?:[.-]\s*)?)?(?:[2-9]1[02-9]|[2-9][02-9]1|[2-9][02-9]{2})\s*(?:[.-]\s*)?(?:[0-9]{4})(?:\s*(?:#|x\.?|ext\.?|extension)\s*(?:\d+)?)""";
    private const string EmailPattern = """(?i)([A-Za-z0-9!#$%&'*+\/=?^_{|.}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)""";
    private const string IPv4Pattern = """(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)""";
    private const string IPv6Pattern = """(?:(?:(?:[0-9A-Fa-f]{1,4}:){7}(?:[0-9A-Fa-f]{1,4}|:))|(?:(?:[0-9A-Fa-f]{1,4}:){6}(?::[0-9A-Fa-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(?:(?:[0-9A-Fa-f]{1,4}:){5}(?:(?:(?::[0-9A-Fa-f]{1,4}){1,2})|:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(?:(?:[0-9A-Fa-f]{1,4}:){4}(?:(?:(?::[0-9A-Fa-f]{1,4}){1,3})|(?:(?::[0-9A-Fa-f]{1,4})?:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(?:(?:[0-9A-Fa-f]{1,4}:){3}(?:(?:(?::[0-9A-Fa-f]{1,4}){1,4})|(?:(?::[0-9A-Fa-f]{1,4}){0,2}:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(?:(?:[0-9A-Fa-f]{1,4}:){2}(?:(?:(?::[0-9A-Fa-f]{1,4}){1,5})|(?:(?::[0-9A-Fa-f]{1,4}){0,3}:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(?:(?:[0-9A-Fa-f]{1,4}:){1}(?:(?:(?::[0-9A-Fa-f]{1,4}){1,6})|(?:(?::[0-9A-Fa-f]{1,4}){0,4}:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(?::(?:(?:(?::[0-9A-Fa-f]{1,4}){1,7})|(?:(?::[0-9A-Fa-f]{1,4}){0,5}:(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))(?:%.+)?\s*""";
    private const string IPPattern = IPv4Pattern + "|" + IPv6Pattern;
    private const string CreditCardPattern = """(?:(?:(?:\d{4}[- ]?){3}\d{4}|\d{15,16}))""";
    private const string StreetAddressPattern = """(?i)\d{1,4} [\w\s]{1,20}(?:street|st|avenue|ave|road|rd|highway|hwy|square|sq|trail|trl|drive|dr|court|ct|park|parkway|pkwy|circle|cir|boulevard|blvd)\W?""";
    private const string ZipCodePattern = """\b\d{5}(?:[-\s]\d{4})?\b""";
    private const string PoBoxPattern = """(?i)P\.? ?O\.? Box \d+""";
    private const string SSNPattern = """(?:\d{3}-\d{2}-\d{4})""";
    private const string ISBN13Pattern = """(?:[\d]-?){12}[\dxX]""";
    private const string ISBN10Pattern = """(?:[\d]-?){9}[\dxX]""";
    private const string MACAddressPattern = """(([a-fA-F0-9]{2}[:-]){5}([a-fA-F0-9]{2}))""";
    private const string IBANPattern = """[A-Z]{2}\d{2}[A-Z0-9]{4}\d{7}([A-Z\d]?){0,16}""";
    private const string GitRepoPattern = """((git|ssh|http(s)?)|(git@[\w\.]+))(:(\/\/)?)([\w\.@\:/\-~]+)(\.git)(\/)?""";
    private const string StrictLinkPattern = """(?:(?:https?:\/\/)(?:[a-z0-9.\-]+|www|[a-z0-9.\-])[.](?:[^\s()<>]+|\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\))+(?:\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\)|[^\s!()\[\]{};:\'".,<>?]))""";

    private sealed record Entity(string Placeholder, Regex[] Patterns);

    /// <summary>scrubber.go NewDefaultScrubber's blacklist, in its order, with _defaultEntityConfigs' placeholders and
    /// entity_scrubber.go's patterns (phone: with extensions, then plain; ISBN: 10, then 13).</summary>
    private static readonly Entity[] Scrubbed =
    [
        new("<STREET_ADDRESS>", [FromRe2(StreetAddressPattern)]),
        new("<CREDIT_CARD>", [FromRe2(CreditCardPattern)]),
        new("<PHONE_NUMBER>", [FromRe2(PhonesWithExtsPattern), FromRe2(PhonePattern)]),
        new("<EMAIL_ADDRESS>", [FromRe2(EmailPattern)]),
        new("<IP>", [FromRe2(IPPattern)]),
        new("<ZIP_CODE>", [FromRe2(ZipCodePattern)]),
        new("<PO_BOX>", [FromRe2(PoBoxPattern)]),
        new("<US_SSN>", [FromRe2(SSNPattern)]),
        new("<ISBN>", [FromRe2(ISBN10Pattern), FromRe2(ISBN13Pattern)]),
        new("<MAC_ADDRESS>", [FromRe2(MACAddressPattern)]),
        new("<IBAN>", [FromRe2(IBANPattern)]),
    ];

    /// <summary>NewDefaultScrubber's ignored entities: a match inside one of these is not scrubbed.</summary>
    private static readonly Entity[] Ignored =
    [
        new("<STRICT_LINK>", [FromRe2(StrictLinkPattern)]),
        new("<GIT_REPO>", [FromRe2(GitRepoPattern)]),
    ];

    private sealed class Interval(int start, int end, string placeholder)
    {
        public int Start = start;
        public int End = end;
        public string Placeholder { get; } = placeholder;
    }

    /// <summary>scrubber.go ScrubTexts for one text.</summary>
    public static string Scrub(string text)
    {
        var bytes = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
        var intervals = Matches(Scrubbed, bytes);

        var nonOverlapping = new List<Interval>(intervals.Count);
        if (intervals.Count > 0)
        {
            nonOverlapping.Add(intervals[0]);
        }
        for (var i = 1; i < intervals.Count; i++)
        {
            // As scrubber.go: compared with the previous match in sorted order, kept or not.
            if (intervals[i].Start <= intervals[i - 1].End)
            {
                if (intervals[i - 1].End >= intervals[i].End)
                {
                    continue;
                }
                intervals[i].Start = intervals[i - 1].End + 1;
            }
            nonOverlapping.Add(intervals[i]);
        }

        var ignored = Matches(Ignored, bytes);
        var scrubbable = new List<Interval>();
        int n = 0, j = 0;
        for (; n < nonOverlapping.Count && j < ignored.Count; j++)
        {
            for (; n < nonOverlapping.Count && nonOverlapping[n].End < ignored[j].Start; n++)
            {
                scrubbable.Add(nonOverlapping[n]);
            }
            for (; n < nonOverlapping.Count && nonOverlapping[n].Start <= ignored[j].End; n++)
            {
            }
        }
        scrubbable.AddRange(nonOverlapping.Skip(n));

        var scrubbed = new StringBuilder(bytes.Length);
        var next = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            if (next < scrubbable.Count && at == scrubbable[next].Start)
            {
                scrubbed.Append(scrubbable[next].Placeholder);
                at = scrubbable[next].End;
                next++;
                continue;
            }
            scrubbed.Append(bytes[at]);
            at++;
        }
        return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(scrubbed.ToString()));
    }

    /// <summary>getEntityMatches then sortIntervals: by start, longer first, and equal spans in reverse order of finding.</summary>
    private static List<Interval> Matches(Entity[] entities, string bytes)
    {
        var found = new List<Interval>();
        foreach (var entity in entities)
        {
            foreach (var pattern in entity.Patterns)
            {
                foreach (Match match in pattern.Matches(bytes))
                {
                    found.Add(new Interval(match.Index, match.Index + match.Length, entity.Placeholder));
                }
            }
        }
        return [.. found.Select((interval, order) => (interval, order))
            .OrderBy(x => x.interval.Start)
            .ThenByDescending(x => x.interval.End)
            .ThenByDescending(x => x.order)
            .Select(x => x.interval)];
    }

    private const string Word = "0-9A-Za-z_";
    private const string Space = "\\t\\n\\f\\r ";

    /// <summary>
    /// An RE2 pattern as a .NET regex with RE2's ASCII meaning of <c>\d</c>, <c>\w</c>, <c>\W</c>, <c>\s</c> and
    /// <c>\b</c> (.NET's are Unicode-aware and would match Latin-1 letters standing for UTF-8 bytes).
    /// </summary>
    internal static Regex FromRe2(string pattern)
    {
        var net = new StringBuilder(pattern.Length * 2);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var escaped = pattern[++i];
                net.Append((escaped, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('d', true) => "0-9",
                    ('w', false) => $"[{Word}]",
                    ('w', true) => Word,
                    ('W', false) => $"[^{Word}]",
                    ('s', false) => $"[{Space}]",
                    ('s', true) => Space,
                    ('b', false) => $"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))",
                    ('W' or 'b', true) => throw new ArgumentException($"\\{escaped} inside a class is not translated", nameof(pattern)),
                    _ => "\\" + escaped,
                });
                continue;
            }
            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }
            net.Append(c);
        }
        return new Regex(net.ToString(), RegexOptions.CultureInvariant);
    }
}
