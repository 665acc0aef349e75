using System.Globalization;
using System.Text;
using Pyannote.Sdk.Transcripts;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>
/// The bad-input matrix: invalid inputs across the four vendor clients, client construction and the transcript model,
/// each of which must raise <see cref="ArgumentException"/> (or a subtype; <see cref="FileNotFoundException"/> for a missing file, <see cref="SpeechOptionNotSupportedException"/>
/// naming the option for an option the vendor cannot honour) naming the parameter and stating the rule,
/// with a counting transport proving that nothing was sent. Writes <c>artifacts/reliability/bad-input-matrix.md</c>.
/// </summary>
public sealed partial class BadInputMatrixTests(ITestOutputHelper output)
{
    /// <summary>One invalid input: the call, the parameter the exception must name (prefix), words the message must contain.</summary>
    public sealed record Case(string Area, string Input, Func<VendorClients, Task> Act, string Param, string Rule);

    private static readonly AudioInput Url = AudioInput.FromUrl("https://example.com/meeting.wav");
    private static readonly AudioInput Ftp = AudioInput.FromUrl("ftp://example.com/meeting.wav");

    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);

    private static Task Run(Action a)
    {
        a();
        return Task.CompletedTask;
    }

    public static IReadOnlyList<Case> Cases { get; } = Build();

    private static List<Case> Build()
    {
        return
        [
            .. VendorRows.Of<Case>(typeof(BadInputMatrixTests)),

            // Transcript model and merge
            new("transcripts", "word end before start", x => Run(() => _ = new TranscriptWord("a", S(2), S(1))), "end", "before start"),
            new("transcripts", "word start negative", x => Run(() => _ = new TranscriptWord("a", S(-1), S(1))), "start", "negative"),
            new("transcripts", "word confidence NaN", x => Run(() => _ = new TranscriptWord("a", S(0), S(1), confidence: double.NaN)), "confidence", "finite"),
            new("transcripts", "word text null", x => Run(() => _ = new TranscriptWord(null!, S(0), S(1))), "text", "null"),
            new("transcripts", "segment speaker empty", x => Run(() => _ = new DiarizationSegment("", S(0), S(1))), "speaker", "empty"),
            new("transcripts", "segment end before start", x => Run(() => _ = new DiarizationSegment("A", S(3), S(1))), "end", "before start"),
            new("transcripts", "turn end before start", x => Run(() => _ = new SpeakerTurn("A", S(3), S(1), "x")), "end", "before start"),
            new("transcripts", "Transcript with a null word", x => Run(() => _ = new Transcript([null!])), "words", "null"),
            new("transcripts", "Merge(null words)", x => Run(() => TranscriptMerger.Merge(null!, [])), "words", "null"),
            new("transcripts", "Merge(null diarization)", x => Run(() => TranscriptMerger.Merge([], null!)), "diarization", "null"),
            new("transcripts", "FromSegments with a null segment", x => Run(() => TranscriptMerger.FromSegments([null!])), "segments", "null"),

            // Exports and imports
            new("exports", "ToSrt(null)", x => Run(() => TranscriptFormats.ToSrt(null!)), "transcript", "null"),
            new("exports", "ToWebVtt(null)", x => Run(() => TranscriptFormats.ToWebVtt(null!)), "transcript", "null"),
            new("exports", "ToPlainText(null)", x => Run(() => TranscriptFormats.ToPlainText(null!)), "transcript", "null"),
            new("exports", "ToJson(null)", x => Run(() => TranscriptFormats.ToJson(null!)), "transcript", "null"),
            new("exports", "SRT with MaxCharactersPerCue 0", x => Run(() => Sample().ToSrt(new CaptionOptions { MaxCharactersPerCue = 0 })), "options", "MaxCharactersPerCue"),
            new("exports", "WebVTT with MaxCueDuration 0", x => Run(() => Sample().ToWebVtt(new CaptionOptions { MaxCueDuration = TimeSpan.Zero })), "options", "MaxCueDuration"),
            new("exports", "RTTM file id with a space", x => Run(() => Sample().ToRttm("my file")), "fileId", "white space"),
            new("exports", "RTTM file id empty", x => Run(() => Sample().ToRttm("")), "fileId", "empty"),
            new("exports", "segments to RTTM with a null segment", x => Run(() => DiarizationFormats.ToRttm([null!])), "segments", "null"),
            new("imports", "ParseJson(null)", x => Run(() => TranscriptFormats.ParseJson((string)null!)), "json", "null"),
            new("imports", "ParseRttm(null)", x => Run(() => DiarizationFormats.ParseRttm(null!)), "rttm", "null"),
        ];
    }

    private static Transcript Sample() =>
        new([new TranscriptWord("hello", TimeSpan.Zero, TimeSpan.FromSeconds(1), "A"), new TranscriptWord("there", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), "B")]);

    [Fact]
    public async Task Every_bad_input_is_rejected_naming_the_parameter_and_the_rule_before_any_request()
    {
        var transport = new CountingTransport();
        var clients = new VendorClients(ReliabilityData.ApiKey, transport);
        var rows = new List<(Case Case, Exception? Error, int Sent, bool Ok, string Why)>();
        foreach (var c in Cases)
        {
            var before = transport.Count;
            var ex = await Record.ExceptionAsync(() => c.Act(clients));
            var sent = transport.Count - before;
            var why = ex switch
            {
                null => "no exception",
                SpeechOptionNotSupportedException o when o.Option != c.Param => $"Option '{o.Option}' is not '{c.Param}'",
                SpeechOptionNotSupportedException => ex.Message.Contains(c.Rule, StringComparison.OrdinalIgnoreCase) ? (sent > 0 ? $"{sent} request(s) sent" : "") : $"message does not state the rule ('{c.Rule}'): {ex.Message}",
                FileNotFoundException f when !f.Message.Contains($"parameter '{c.Param}'", StringComparison.Ordinal) => $"the message does not name the parameter '{c.Param}'",
                FileNotFoundException => ex.Message.Contains(c.Rule, StringComparison.OrdinalIgnoreCase) ? (sent > 0 ? $"{sent} request(s) sent" : "") : $"message does not state the rule ('{c.Rule}'): {ex.Message}",
                not ArgumentException => "not an ArgumentException: " + ex.GetType().Name,
                ArgumentException { ParamName: null } => "ParamName is null",
                ArgumentException a when !a.ParamName!.StartsWith(c.Param, StringComparison.Ordinal) => $"ParamName '{a.ParamName}' is not '{c.Param}'",
                _ when !ex.Message.Contains(c.Rule, StringComparison.OrdinalIgnoreCase) => $"message does not state the rule ('{c.Rule}'): {ex.Message}",
                _ when sent > 0 => $"{sent} request(s) sent",
                _ => "",
            };
            rows.Add((c, ex, sent, why.Length == 0, why));
            ReliabilityData.AssertNoSecret(ex?.ToString());
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Bad inputs rejected with 0 requests: {rows.Count(r => r.Ok)}/{rows.Count} (requests sent in total: {transport.Count}).");
        sb.AppendLine();
        sb.AppendLine("| area | input | exception | ParamName | requests | ok |");
        sb.AppendLine("|---|---|---|---|---:|---|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Case.Area} | {r.Case.Input} | {r.Error?.GetType().Name ?? "none"} | {(r.Error as ArgumentException)?.ParamName} | {r.Sent} | {(r.Ok ? "yes" : "**no: " + r.Why.Replace("|", "/", StringComparison.Ordinal) + "**")} |");
        }

        output.WriteLine(sb.ToString());
        ReliabilityData.WriteReport("bad-input-matrix.md", sb.ToString());
        Assert.True(rows.Count >= 40, $"only {rows.Count} cases");
        Assert.Equal(0, transport.Count);
        Assert.All(rows, r => Assert.True(r.Ok, $"{r.Case.Area} / {r.Case.Input}: {r.Why}"));
    }
}
