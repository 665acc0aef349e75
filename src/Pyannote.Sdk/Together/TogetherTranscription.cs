using Pyannote.Sdk.Generated.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Together;

/// <summary>One timed segment of a verbose Together answer.</summary>
/// <param name="Id">The segment's index, if sent.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Text">The segment's text.</param>
public sealed record TogetherSegment(int? Id, TimeSpan Start, TimeSpan End, string Text);

/// <summary>One timed word of a verbose Together answer.</summary>
/// <param name="Word">The word as recognised.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="SpeakerId">The speaker label (for example <c>SPEAKER_00</c>) when diarization was on.</param>
/// <param name="Id">The word's index, if sent.</param>
public sealed record TogetherWord(string Word, TimeSpan Start, TimeSpan End, string? SpeakerId, int? Id);

/// <summary>A run of speech by one speaker (diarization only).</summary>
/// <param name="Id">The segment's index, if sent.</param>
/// <param name="SpeakerId">The speaker label, for example <c>SPEAKER_01</c>.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
/// <param name="Text">What the speaker said.</param>
/// <param name="Words">The segment's words.</param>
public sealed record TogetherSpeakerSegment(int? Id, string SpeakerId, TimeSpan Start, TimeSpan End, string Text, IReadOnlyList<TogetherWord> Words);

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
        // (see FromDto), so their turns reuse the mapped words instead of mapping every word twice.
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

    /// <summary>Maps the generated DTO (shared by the client and the tests reading published payloads).</summary>
    internal static TogetherTranscription FromDto(TranscriptionResult dto, TogetherModel model)
    {
        static TimeSpan T(double s, string field) => VendorSeconds.From(s, field, SpeechVendor.Together);
        static (TimeSpan, TimeSpan) Span(double start, double end, string field)
        {
            var s = T(start, field);
            var e = T(end, field);
            return (s, e < s ? s : e);
        }

        static TogetherWord Word(TranscriptionWord w)
        {
            var (s, e) = Span(w.Start, w.End, "words");
            return new TogetherWord(w.Word ?? string.Empty, s, e, w.Speaker_id, w.Id);
        }

        var dtoWords = dto.Words ?? [];
        var words = new TogetherWord[dtoWords.Count];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Word(dtoWords[i]);
        }

        // The service repeats every top-level word inside its speaker segment: reuse the mapped instance when the
        // segment's word is the same (same text, times and speaker), walking both time-ordered lists once.
        var cursor = 0;
        TogetherWord SegmentWord(TranscriptionWord w)
        {
            var (s, e) = Span(w.Start, w.End, "speaker_segments");
            while (cursor < words.Length && words[cursor].Start < s)
            {
                cursor++;
            }

            if (cursor < words.Length && words[cursor] is var same && same.Start == s && same.End == e
                && string.Equals(same.Word, w.Word ?? string.Empty, StringComparison.Ordinal) && string.Equals(same.SpeakerId, w.Speaker_id, StringComparison.Ordinal)
                && same.Id == w.Id)
            {
                cursor++;
                return same;
            }

            return new TogetherWord(w.Word ?? string.Empty, s, e, w.Speaker_id, w.Id);
        }

        var dtoSpeakerSegments = dto.Speaker_segments ?? [];
        var speakerSegments = new TogetherSpeakerSegment[dtoSpeakerSegments.Count];
        for (var i = 0; i < speakerSegments.Length; i++)
        {
            var x = dtoSpeakerSegments[i];
            var (s, e) = Span(x.Start, x.End, "speaker_segments");
            var segmentWords = x.Words is { Count: > 0 } list ? new TogetherWord[list.Count] : [];
            for (var k = 0; k < segmentWords.Length; k++)
            {
                segmentWords[k] = SegmentWord(x.Words![k]);
            }

            speakerSegments[i] = new TogetherSpeakerSegment(x.Id, x.Speaker_id ?? string.Empty, s, e, x.Text ?? string.Empty, segmentWords);
        }

        return new TogetherTranscription(dto.Text ?? throw new SpeechResponseFormatException(SpeechVendor.Together, 200, "The answer has no 'text'."))
        {
            Task = dto.Task,
            Language = dto.Language,
            Duration = dto.Duration is { } d ? T(d, "duration") : null,
            Segments = (dto.Segments ?? []).Select(x =>
            {
                var (s, e) = Span(x.Start, x.End, "segments");
                return new TogetherSegment(x.Id, s, e, x.Text ?? string.Empty);
            }).ToArray(),
            Words = words,
            SpeakerSegments = speakerSegments,
            Id = dto.Id,
            Model = model,
        };
    }
}
