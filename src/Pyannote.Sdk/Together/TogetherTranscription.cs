using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Together;

/// <summary>A Together AI transcription or translation. Immutable.</summary>
public sealed class TogetherTranscription
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="text">The whole text.</param>
    public TogetherTranscription(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The whole transcript or translation.</summary>
    public string Text { get; }

    /// <summary><c>transcribe</c> or <c>translate</c> when the service still sends it; <see langword="null"/> otherwise.</summary>
    public string? Task { get; init; }

    /// <summary>The language the service reports (verbose JSON only).</summary>
    public string? Language { get; init; }

    /// <summary>The vendor's answer as JSON, members the SDK does not know included.</summary>
    public System.Text.Json.JsonElement? RawPayload => Raw?.Value;

    internal Http.RawJson? Raw { get; set; }

    /// <summary>What the vendor's last answer for this result said besides its body: status, request id, rate-limit
    /// state and headers.</summary>
    public SpeechResponseInfo? Response { get; internal set; }

    /// <summary>The audio's duration (verbose JSON only).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Timed segments (verbose JSON only).</summary>
    public IReadOnlyList<TogetherSegment> Segments { get; init; } = Array.Empty<TogetherSegment>();

    /// <summary>Timed words (word granularity, or diarization), with speakers when diarization was on.</summary>
    public IReadOnlyList<TogetherWord> Words { get; init; } = Array.Empty<TogetherWord>();

    /// <summary>Per-speaker segments (diarization only).</summary>
    public IReadOnlyList<TogetherSpeakerSegment> SpeakerSegments { get; init; } = Array.Empty<TogetherSpeakerSegment>();

    /// <summary>The service's request identifier, when it sends one.</summary>
    public string? Id { get; init; }

    /// <summary>The model the request asked for (the service's default when none was given).</summary>
    public TogetherModel Model { get; init; } = TogetherModel.WhisperLargeV3;

    /// <summary>Maps the result to the common <see cref="Transcript"/>: words carry their speakers, speaker segments
    /// become turns (or turns are built from the words; or, with segments only, each segment becomes a turn without a speaker).</summary>
    /// <returns>The transcript.</returns>
    public Transcript ToTranscript()
    {
        // Each word is mapped once: the speaker segments of a diarized answer hold the same word instances as Words
        // (see TogetherMapper.FromDto), so their turns reuse the mapped words instead of mapping every word twice.
        var source = Words.Count > 0 ? Words : SpeakerSegments.SelectMany(s => s.Words).ToArray();
        var mappedWords = new TranscriptWord[source.Count];
        for (var i = 0; i < mappedWords.Length; i++)
        {
            mappedWords[i] = ToWord(source[i]);
        }

        IEnumerable<SpeakerTurn>? turns = null;
        if (SpeakerSegments.Count > 0)
        {
            var turnList = new SpeakerTurn[SpeakerSegments.Count];
            var cursor = 0;
            for (var t = 0; t < turnList.Length; t++)
            {
                var segment = SpeakerSegments[t];
                var turnWords = new TranscriptWord[segment.Words.Count];
                for (var k = 0; k < turnWords.Length; k++)
                {
                    var word = segment.Words[k];
                    while (cursor < source.Count && source[cursor].Start < word.Start)
                    {
                        cursor++;
                    }

                    turnWords[k] = cursor < source.Count && ReferenceEquals(source[cursor], word) ? mappedWords[cursor++] : ToWord(word);
                }

                turnList[t] = new SpeakerTurn(segment.SpeakerId, segment.Start, segment.End, segment.Text.Trim(), turnWords);
            }

            turns = turnList;
        }
        else if (mappedWords.Length == 0)
        {
            turns = Segments.Select(s => new SpeakerTurn(null, s.Start, s.End, s.Text.Trim()));
        }

        return new Transcript(mappedWords, turns)
        {
            Text = Text.Trim(),
            Language = Language,
            Duration = Duration,
            Vendor = SpeechVendor.Together,
            Model = Model.Value,
            RawRepresentation = this,
        };
    }

    private static TranscriptWord ToWord(TogetherWord w) => new(w.Word.Trim(), w.Start, w.End, w.SpeakerId);
}
