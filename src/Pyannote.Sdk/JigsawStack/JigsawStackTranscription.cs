using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>
/// A JigsawStack transcription, from a synchronous answer or a webhook delivery. Both published shapes are read: the
/// older <c>speakers</c> list and the newer <c>speaker</c> on each chunk. Immutable.
/// </summary>
public sealed class JigsawStackTranscription
{
    /// <summary>The model JigsawStack documents for speech-to-text.</summary>
    public const string ModelName = "whisper-large-v3";

    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="text">The whole text.</param>
    public JigsawStackTranscription(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The whole transcript as sent (it often has a leading space).</summary>
    public string Text { get; }

    /// <summary>Timed chunks; with diarization in the newer shape each carries its speaker.</summary>
    public IReadOnlyList<JigsawStackChunk> Chunks { get; init; } = Array.Empty<JigsawStackChunk>();

    /// <summary>Per-speaker chunks (the older diarization shape); empty otherwise.</summary>
    public IReadOnlyList<JigsawStackChunk> Speakers { get; init; } = Array.Empty<JigsawStackChunk>();

    /// <summary>The detected language code, when the service detected one (from a string or from <c>{code}</c>).</summary>
    public string? LanguageDetected { get; init; }

    /// <summary>The vendor's answer as JSON, members the SDK does not know included.</summary>
    public System.Text.Json.JsonElement? RawPayload => Raw?.Value;

    internal Http.RawJson? Raw { get; set; }

    /// <summary>The confidence of the detected language, when sent (top-level or inside <c>language_detected</c>).</summary>
    public double? LanguageConfidence { get; init; }

    /// <summary>The <c>success</c> flag of the answer.</summary>
    public bool? Success { get; init; }

    /// <summary>Token accounting, when sent.</summary>
    public JigsawStackUsage? Usage { get; init; }

    /// <summary>The request log id, when sent.</summary>
    public string? LogId { get; init; }

    /// <summary>The job id (webhook deliveries only).</summary>
    public string? Id { get; init; }

    /// <summary>The job status (webhook deliveries only).</summary>
    public string? Status { get; init; }

    /// <summary>The language asked for, when one other than <c>auto</c> was given; used when nothing was detected.</summary>
    public string? RequestedLanguage { get; init; }

    /// <summary>The rate-limit headers of the answer, if sent (not for webhook deliveries).</summary>
    public SpeechRateLimit? RateLimit { get; init; }

    /// <summary>What the vendor's last answer for this result said besides its body: status, request id, rate-limit
    /// state and headers.</summary>
    public SpeechResponseInfo? Response { get; internal set; }

    /// <summary>Whether <see cref="Chunks"/> hold one word each (<see cref="JigsawStackTranscriptionOptions.WordTimestamps"/>
    /// was requested); <see cref="ToTranscript"/> then maps them to words.</summary>
    public bool WordChunks { get; init; }

    /// <summary>Maps the result to the common <see cref="Transcript"/>. JigsawStack gives timed chunks, not words, so the
    /// transcript has turns and no words: the speaker pieces (either shape) become turns, consecutive pieces of the same
    /// speaker closer than <see cref="TurnOptions.DefaultMaxPause"/> joined. A missing chunk end is taken from the next
    /// chunk's start (or equals its own start when last).</summary>
    /// <returns>The transcript.</returns>
    public Transcript ToTranscript()
    {
        if (WordChunks)
        {
            return WordTranscript();
        }

        var pieces = Speakers.Count > 0 ? Speakers : Chunks;
        var turns = new List<SpeakerTurn>();
        var parts = new List<string>();
        string? speaker = null;
        TimeSpan start = default, end = default;
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            var pEnd = p.End ?? (i + 1 < pieces.Count && pieces[i + 1].Start >= p.Start ? pieces[i + 1].Start : p.Start);
            if (pEnd < p.Start)
            {
                pEnd = p.Start;
            }

            if (parts.Count > 0 && string.Equals(speaker, p.Speaker, StringComparison.Ordinal) && p.Start - end <= TurnOptions.DefaultMaxPause)
            {
                parts.Add(p.Text);
                end = pEnd > end ? pEnd : end;
                continue;
            }

            Flush();
            speaker = p.Speaker;
            start = p.Start;
            end = pEnd;
            parts.Add(p.Text);
        }

        Flush();
        return new Transcript(Array.Empty<TranscriptWord>(), turns)
        {
            Text = Text.Trim(),
            Language = LanguageDetected ?? RequestedLanguage,
            Vendor = SpeechVendor.JigsawStack,
            Model = ModelName,
            RawRepresentation = this,
        };

        void Flush()
        {
            if (parts.Count > 0)
            {
                turns.Add(new SpeakerTurn(speaker, start, end, TextJoiner.Join(parts)));
                parts.Clear();
            }
        }
    }

    /// <summary>One word per chunk: the chunks become the words (a missing end is the next chunk's start), each with
    /// its own speaker or, in the older diarization shape, the speaker of the <see cref="Speakers"/> piece around its
    /// middle; turns are built from the words.</summary>
    private Transcript WordTranscript()
    {
        var words = new List<TranscriptWord>(Chunks.Count);
        for (var i = 0; i < Chunks.Count; i++)
        {
            var c = Chunks[i];
            var text = c.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var end = c.End ?? (i + 1 < Chunks.Count && Chunks[i + 1].Start >= c.Start ? Chunks[i + 1].Start : c.Start);
            words.Add(new TranscriptWord(text, c.Start, end, c.Speaker ?? SpeakerAt(c.Start + ((end - c.Start) / 2))));
        }

        return new Transcript(words)
        {
            Text = Text.Trim(),
            Language = LanguageDetected ?? RequestedLanguage,
            Vendor = SpeechVendor.JigsawStack,
            Model = ModelName,
            RawRepresentation = this,
        };
    }

    private string? SpeakerAt(TimeSpan time)
    {
        foreach (var piece in Speakers)
        {
            if (piece.Start <= time && time <= (piece.End ?? piece.Start))
            {
                return piece.Speaker;
            }
        }

        return null;
    }
}
