using Pyannote.Sdk.Generated.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Together;

/// <summary>Maps Together's generated DTOs to <see cref="TogetherTranscription"/>; bad values become <see cref="SpeechResponseFormatException"/>.</summary>
internal static class TogetherMapper
{
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
            return new TogetherWord(w.Word ?? string.Empty, s, e, Speaker(w.Speaker_id), w.Id);
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
                && string.Equals(same.Word, w.Word ?? string.Empty, StringComparison.Ordinal) && string.Equals(same.SpeakerId, Speaker(w.Speaker_id), StringComparison.Ordinal)
                && same.Id == w.Id)
            {
                cursor++;
                return same;
            }

            return new TogetherWord(w.Word ?? string.Empty, s, e, Speaker(w.Speaker_id), w.Id);
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

            speakerSegments[i] = new TogetherSpeakerSegment(x.Id, Speaker(x.Speaker_id), s, e, x.Text ?? string.Empty, segmentWords);
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

    /// <summary>A speaker label from the wire; null, empty or blank means the speaker is unknown and stays <see langword="null"/>.</summary>
    private static string? Speaker(string? label) => string.IsNullOrWhiteSpace(label) ? null : label;
}
