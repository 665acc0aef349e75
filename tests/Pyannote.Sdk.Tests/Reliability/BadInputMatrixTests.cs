using System.Globalization;
using System.Text;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>
/// The bad-input matrix: invalid inputs across the four vendor clients, client construction and the transcript model,
/// each of which must raise <see cref="ArgumentException"/> (or a subtype; <see cref="FileNotFoundException"/> for a missing file, <see cref="SpeechOptionNotSupportedException"/>
/// naming the option for an option the vendor cannot honour) naming the parameter and stating the rule,
/// with a counting transport proving that nothing was sent. Writes <c>artifacts/reliability/bad-input-matrix.md</c>.
/// </summary>
public sealed class BadInputMatrixTests(ITestOutputHelper output)
{
    /// <summary>One invalid input: the call, the parameter the exception must name (prefix), words the message must contain.</summary>
    public sealed record Case(string Area, string Input, Func<Clients, Task> Act, string Param, string Rule);

    /// <summary>The four clients over one counting transport.</summary>
    public sealed class Clients
    {
        public Clients(CountingTransport transport)
        {
            Pyannote = new PyannoteClient(ReliabilityData.ApiKey, new PyannoteClientOptions { Transport = transport });
            Together = new TogetherClient(ReliabilityData.ApiKey, new TogetherClientOptions { Transport = transport });
            JigsawStack = new JigsawStackClient(ReliabilityData.ApiKey, new JigsawStackClientOptions { Transport = transport });
            NanoGpt = new NanoGptClient(ReliabilityData.ApiKey, new NanoGptClientOptions { Transport = transport });
        }

        public PyannoteClient Pyannote { get; }

        public TogetherClient Together { get; }

        public JigsawStackClient JigsawStack { get; }

        public NanoGptClient NanoGpt { get; }
    }

    private static readonly AudioInput Url = AudioInput.FromUrl("https://example.com/meeting.wav");
    private static readonly AudioInput Ftp = AudioInput.FromUrl("ftp://example.com/meeting.wav");

    private static Task Run(Action a)
    {
        a();
        return Task.CompletedTask;
    }

    public static IReadOnlyList<Case> Cases { get; } = Build();

    private static List<Case> Build()
    {
        var txt = ReliabilityData.TempFile("notes.txt", 16);
        var missing = Path.Combine(Path.GetTempPath(), "pyannote-sdk-missing-" + Guid.NewGuid().ToString("N") + ".wav");
        var big = ReliabilityData.TempFile("big.wav", (int)NanoGptClient.MaxUploadBytes + 1);
        TimeSpan S(double s) => TimeSpan.FromSeconds(s);
        return
        [
            // pyannoteAI
            new("pyannoteAI", "DiarizeAsync(null)", c => c.Pyannote.DiarizeAsync(null!), "audio", "null"),
            new("pyannoteAI", "ftp:// URL", c => c.Pyannote.DiarizeAsync(Ftp), "audio", "http"),
            new("pyannoteAI", "media:// key with a space", c => c.Pyannote.DiarizeAsync(AudioInput.FromUrl("media://bad key")), "url", "URL"),
            new("pyannoteAI", "file that does not exist", c => c.Pyannote.DiarizeAsync(AudioInput.FromFile(missing)), "audio", "does not exist"),
            new("pyannoteAI", "NumSpeakers with MinSpeakers", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { NumSpeakers = 2, MinSpeakers = 1 }), "options", "cannot be combined"),
            new("pyannoteAI", "MinSpeakers > MaxSpeakers", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { MinSpeakers = 3, MaxSpeakers = 2 }), "options", "greater than"),
            new("pyannoteAI", "NumSpeakers = 0", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { NumSpeakers = 0 }), "options", "at least 1"),
            new("pyannoteAI", "http:// webhook", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { Webhook = new Uri("http://example.com/hook") }), "options", "https"),
            new("pyannoteAI", "transcription with community-1", c => c.Pyannote.DiarizeAsync(Url, new DiarizationOptions { Transcription = true, Model = PyannoteModel.Community1 }), "options", "precision-2"),
            new("pyannoteAI", "identify without voiceprints", c => c.Pyannote.IdentifyAsync(Url, new IdentificationOptions()), "options", "voiceprints"),
            new("pyannoteAI", "identify label 'SPEAKER_00'", c => c.Pyannote.IdentifyAsync(Url, Identify(new PyannoteVoiceprint("SPEAKER_00", "abc"))), "options", "SPEAKER_"),
            new("pyannoteAI", "identify MatchingThreshold 101", c => c.Pyannote.IdentifyAsync(Url, Threshold(101)), "options", "between 0 and 100"),
            new("pyannoteAI", "identify options null", c => c.Pyannote.IdentifyAsync(Url, null!), "options", "null"),
            new("pyannoteAI", "GetJobAsync(\"\")", c => c.Pyannote.GetJobAsync(""), "jobId", "empty"),
            new("pyannoteAI", "GetDiarizationJobAsync(\"  \")", c => c.Pyannote.GetDiarizationJobAsync("  "), "jobId", "whitespace"),
            new("pyannoteAI", "UploadAsync(URL)", c => c.Pyannote.UploadAsync(Url), "audio", "local files"),
            new("pyannoteAI", "GetMediaDownloadUrlAsync(\"\")", c => c.Pyannote.GetMediaDownloadUrlAsync(""), "mediaUrl", "empty"),

            // Together AI
            new("Together AI", "CreateTranscriptionAsync(null)", c => c.Together.CreateTranscriptionAsync(null!), "audio", "null"),
            new("Together AI", "Temperature 1.5", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Temperature = 1.5 }), "options.Temperature", "between 0 and 1"),
            new("Together AI", "Temperature NaN", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Temperature = double.NaN }), "options.Temperature", "between 0 and 1"),
            new("Together AI", "MinSpeakers 0", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 0 }), "options.MinSpeakers", "at least 1"),
            new("Together AI", "MinSpeakers > MaxSpeakers", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { Diarize = true, MinSpeakers = 4, MaxSpeakers = 2 }), "options.MinSpeakers", "greater than"),
            new("Together AI", "speaker bounds without Diarize", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { MaxSpeakers = 2 }), "options.Diarize", "Diarize"),
            new("Together AI", "word timestamps with json format", c => c.Together.CreateTranscriptionAsync(Url, new TogetherTranscriptionOptions { ResponseFormat = TogetherResponseFormat.Json, TimestampGranularities = TogetherTimestampGranularities.Word }), "options.TimestampGranularities", "VerboseJson"),
            new("Together AI", "ftp:// URL", c => c.Together.CreateTranscriptionAsync(Ftp), "audio", "http"),
            new("Together AI", ".txt file", c => c.Together.CreateTranscriptionAsync(AudioInput.FromFile(txt)), "audio", "accepted"),
            new("Together AI", "translation of null", c => c.Together.CreateTranslationAsync(null!), "audio", "null"),
            new("Together AI", "TranscribeAsync NumSpeakers + MinSpeakers", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { Diarize = true, NumSpeakers = 2, MinSpeakers = 1 }), "options.NumSpeakers", "cannot be combined"),
            new("Together AI", "TranscribeAsync NumSpeakers without Diarize", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { Diarize = false, NumSpeakers = 2 }), "options.Diarize", "diarization"),
            new("Together AI", "TranscribeAsync NumSpeakers = 0", c => c.Together.TranscribeAsync(Url, new TranscriptionOptions { NumSpeakers = 0 }), "options.NumSpeakers", "at least 1"),

            // JigsawStack
            new("JigsawStack", "CreateTranscriptionAsync(null)", c => c.JigsawStack.CreateTranscriptionAsync((AudioInput)null!), "audio", "null"),
            new("JigsawStack", "CreateTranscriptionAsync(stored file null)", c => c.JigsawStack.CreateTranscriptionAsync((JigsawStackStoredFile)null!), "storedFile", "null"),
            new("JigsawStack", "stored file with a blank key", c => c.JigsawStack.CreateTranscriptionAsync(new JigsawStackStoredFile(" ")), "storedFile", "no key"),
            new("JigsawStack", "BatchSize 0", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { BatchSize = 0 }), "options", "between 1 and"),
            new("JigsawStack", "ChunkDuration 0", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { ChunkDuration = 0 }), "options", "more than 0"),
            new("JigsawStack", "ChunkDuration above the maximum", c => c.JigsawStack.CreateTranscriptionAsync(Url, new JigsawStackTranscriptionOptions { ChunkDuration = JigsawStackClient.MaxChunkDurationSeconds + 1 }), "options", "at most"),
            new("JigsawStack", "ftp:// URL", c => c.JigsawStack.CreateTranscriptionAsync(Ftp), "audio", "http"),
            new("JigsawStack", "relative webhook URL", c => c.JigsawStack.StartTranscriptionAsync(Url, new Uri("/hook", UriKind.Relative)), "webhookUrl", "absolute"),
            new("JigsawStack", "null webhook URL", c => c.JigsawStack.StartTranscriptionAsync(Url, null!), "webhookUrl", "null"),
            new("JigsawStack", "UploadFileAsync(URL)", c => c.JigsawStack.UploadFileAsync(Url), "file", "not a URL"),
            new("JigsawStack", "TranscribeAsync with NumSpeakers", c => c.JigsawStack.TranscribeAsync(Url, new TranscriptionOptions { NumSpeakers = 2 }), "TranscriptionOptions.NumSpeakers", "speaker-count"),
            new("JigsawStack", "TranscribeAsync with a Model", c => c.JigsawStack.TranscribeAsync(Url, new TranscriptionOptions { Model = "whisper" }), "TranscriptionOptions.Model", "single"),

            // NanoGPT
            new("NanoGPT", "StartTranscriptionAsync(null)", c => c.NanoGpt.StartTranscriptionAsync(null!), "audio", "null"),
            new("NanoGPT", "Diarize with Whisper", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Diarize = true }), "options", "diarizes only"),
            new("NanoGPT", "TagAudioEvents with Whisper", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, TagAudioEvents = true }), "options", "audio events"),
            new("NanoGPT", "default(NanoGptModel)", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Model = default(NanoGptModel) }), "options", "name a NanoGPT model"),
            new("NanoGPT", "Language \"\"", c => c.NanoGpt.StartTranscriptionAsync(Url, new NanoGptTranscriptionOptions { Language = "" }), "options", "Language"),
            new("NanoGPT", "ftp:// URL", c => c.NanoGpt.StartTranscriptionAsync(Ftp), "audio", "http"),
            new("NanoGPT", "file over 3 MB", c => c.NanoGpt.StartTranscriptionAsync(AudioInput.FromFile(big)), "audio", "at most"),
            new("NanoGPT", "TranscribeAsync with MinSpeakers", c => c.NanoGpt.TranscribeAsync(Url, new TranscriptionOptions { MinSpeakers = 2 }), "TranscriptionOptions.MinSpeakers", "speaker-count"),
            new("NanoGPT", "GetTranscriptionJob(\"\")", c => Run(() => c.NanoGpt.GetTranscriptionJob("")), "runId", "empty"),
            new("NanoGPT", "wait with BackoffFactor 0.5", c => c.NanoGpt.GetTranscriptionJob("run-1").WaitForCompletionAsync(new JobWaitOptions { BackoffFactor = 0.5 }), "options", "BackoffFactor"),
            new("NanoGPT", "wait with negative InitialDelay", c => c.NanoGpt.GetTranscriptionJob("run-1").WaitForCompletionAsync(new JobWaitOptions { InitialDelay = S(-1) }), "options", "InitialDelay"),

            // Clients and options
            new("client", "PyannoteClient(\"\")", x => Run(() => _ = new PyannoteClient("")), "apiKey", "empty"),
            new("client", "TogetherClient(\"  \")", x => Run(() => _ = new TogetherClient("  ")), "apiKey", "TOGETHER_API_KEY"),
            new("client", "NetworkTimeout = -1 s", x => Run(() => _ = new JigsawStackClient("k", new JigsawStackClientOptions { NetworkTimeout = S(-1) })), "options", "NetworkTimeout"),
            new("client", "Retry.MaxRetries = -1", x => Run(() => _ = new NanoGptClient("k", new NanoGptClientOptions { Retry = { MaxRetries = -1 } })), "options", "MaxRetries"),
            new("client", "Endpoint ftp://", x => Run(() => _ = new PyannoteClient("k", new PyannoteClientOptions { Endpoint = new Uri("ftp://example.com/") })), "options", "Endpoint"),

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

    private static IdentificationOptions Identify(params PyannoteVoiceprint[] voiceprints)
    {
        var o = new IdentificationOptions();
        foreach (var v in voiceprints)
        {
            o.Voiceprints.Add(v);
        }

        return o;
    }

    private static IdentificationOptions Threshold(double t)
    {
        var o = Identify(new PyannoteVoiceprint("alice", "abc"));
        o.MatchingThreshold = t;
        return o;
    }

    [Fact]
    public async Task Every_bad_input_is_rejected_naming_the_parameter_and_the_rule_before_any_request()
    {
        var transport = new CountingTransport();
        var clients = new Clients(transport);
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
