using Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// The scrubber daprd runs for scrubPII (dapr pkg/api/universal/conversation.go calls
/// github.com/aavaz-ai/pii-scrubber NewDefaultScrubber().ScrubTexts). Expected texts come from that library's own
/// tests/unit-tests/default_scrubber_test.go (commit 3fa450ab) and its placeholders in scrubber.go _defaultEntityConfigs.
/// </summary>
public sealed class PiiScrubberTests
{
    [Theory]
    // default_scrubber_test.go Test_DefaultScrubber, verbatim.
    [InlineData("Hi this is Anshal with, +919140520809", "Hi this is Anshal with, <PHONE_NUMBER>")]
    [InlineData("Hi ping mein at anshaldwivedi@gmail.com", "Hi ping mein at <EMAIL_ADDRESS>")]
    [InlineData("here, 6011553157232994", "here, <CREDIT_CARD>")]
    // The SSN is scrubbed; the same digits inside a link are not (StrictLink is an ignored entity).
    [InlineData("My SSN is488-23-3729. Details can be found at https://aavaz.ai/emp/488-23-3729",
        "My SSN is<US_SSN>. Details can be found at https://aavaz.ai/emp/488-23-3729")]
    [InlineData("My email is 9144520109@gmail.com", "My email is <EMAIL_ADDRESS>")]
    // IPv4 (regex.go IPv4Pattern) and a text without PII, unchanged.
    [InlineData("Server at 10.0.0.1 is down", "Server at <IP> is down")]
    [InlineData("Nothing personal here.", "Nothing personal here.")]
    public void Scrub_ReplacesWhatTheDefaultScrubberReplaces(string text, string expected)
    {
        Assert.Equal(expected, PiiScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_TwoEntitiesOnTheSameSpan_TheOneTriedLastWins()
    {
        // "212-456-7890" is a phone number and an ISBN-10 (ten digits with dashes). scrubber.go sorts matches with
        // sort.Slice and a ">=" comparison; below 13 matches Go sorts by insertion, which moves the later of two
        // equal spans first. ISBN is tried after phone in NewDefaultScrubber's list, so daprd writes <ISBN>.
        Assert.Equal("Call <ISBN>.", PiiScrubber.Scrub("Call 212-456-7890."));
    }

    [Fact]
    public void Scrub_NonAsciiText_IsKeptAroundThePlaceholder()
    {
        // Offsets are UTF-8 byte offsets as in Go; characters outside ASCII survive untouched.
        Assert.Equal("Grüße an <EMAIL_ADDRESS> — danke", PiiScrubber.Scrub("Grüße an jane.doe@example.com — danke"));
    }

    [Theory]
    // RE2's \d, \w, \s and \b are ASCII-only: an Arabic-Indic digit or a Latin-1 letter is not a digit or word character.
    [InlineData(@"\d+", "a٣4", "4")]
    [InlineData(@"\w+", "é_x", "_x")]
    [InlineData(@"\b\d{5}\b", "é12345", "12345")]
    public void FromRe2_AsciiClasses_MatchAsInGo(string pattern, string text, string expected)
    {
        Assert.Equal(expected, PiiScrubber.FromRe2(pattern).Match(text).Value);
    }
}
