using System.Globalization;
using Pyannote.Sdk.Generated.NanoGpt;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// Maps NanoGPT's answers to the SDK's results. Two rules live here:
/// <list type="bullet">
/// <item><b>Punctuation</b>: a <c>punctuation</c> token is appended to the previous token's text (its end time extended),
/// so <see cref="Transcript.Words"/> holds words like <c>Hello,</c>; a punctuation token with no token before it stays on
/// its own. Whitespace-only tokens (ElevenLabs' <c>spacing</c>) are dropped. <see cref="NanoGptTranscription.Tokens"/>
/// keeps the tokens as returned.</item>
/// <item><b>Speakers</b>: NanoGPT labels words <c>speaker_0</c> (zero-based) and segments <c>Speaker 1</c> (one-based).
/// The transcript uses the segment labels: each word speaker id takes the segment label its words overlap most in total
/// (ties go to the label whose first segment starts earliest); an id that overlaps no segment, or every id when there
/// are no segments, is renamed <c>speaker_N</c> → <c>Speaker N+1</c>; any other id is kept as given.</item>
/// </list>
/// </summary>
internal static class NanoGptMapper
{
    public static NanoGptTranscription FromSync(TranscribeResponse dto)
    {
        var metadata = Metadata(dto.Metadata, null);
        var text = dto.Transcription ?? string.Empty;
        var transcript = new Transcript(Array.Empty<TranscriptWord>())
        {
            Text = text,
            Language = metadata.Language,
            Duration = metadata.ActualDuration,
            Vendor = SpeechVendor.NanoGpt,
            Model = metadata.Model?.ToString(),
        };
        return new NanoGptTranscription(text, transcript, metadata);
    }

    public static NanoGptTranscription FromStatus(TranscribeStatusResponse dto, NanoGptJobInfo job)
    {
        var metadata = Metadata(dto.Metadata, job);
        var tokens = (dto.Words ?? new List<TranscriptionWord>())
            .Where(w => w is not null)
            .Select((w, i) => new NanoGptToken(w.Text ?? string.Empty, Seconds(w.Start, $"words[{i}].start"), Seconds(w.End, $"words[{i}].end"), w.Type, w.Speaker_id))
            .Select(t => t.End < t.Start ? t with { End = t.Start } : t)
            .ToArray();
        var segments = (dto.Diarization?.Segments ?? new List<Generated.NanoGpt.DiarizationSegment>())
            .Where(s => s is not null)
            .Select((s, i) => new NanoGptSpeakerSegment(s.Speaker, s.Text ?? string.Empty, Seconds(s.Start, $"segments[{i}].start"), Seconds(s.End, $"segments[{i}].end")))
            .Select(s => s.End < s.Start ? s with { End = s.Start } : s)
            .ToArray();
        var text = dto.Transcription ?? string.Empty;

        Transcript transcript;
        if (tokens.Length > 0)
        {
            var words = Words(tokens, SpeakerMap(tokens, segments));
            transcript = new Transcript(words)
            {
                Language = metadata.Language,
                Duration = metadata.ActualDuration,
                Vendor = SpeechVendor.NanoGpt,
                Model = metadata.Model?.ToString(),
            };
        }
        else if (segments.Length > 0)
        {
            var fromSegments = TranscriptMerger.FromSegments(segments.Select(s => new SpeakerTextSegment(s.Speaker, s.Start, s.End, s.Text)));
            transcript = new Transcript(fromSegments.Words, fromSegments.Turns)
            {
                Language = metadata.Language,
                Duration = metadata.ActualDuration,
                Vendor = SpeechVendor.NanoGpt,
                Model = metadata.Model?.ToString(),
            };
        }
        else
        {
            transcript = new Transcript(Array.Empty<TranscriptWord>())
            {
                Text = text,
                Language = metadata.Language,
                Duration = metadata.ActualDuration,
                Vendor = SpeechVendor.NanoGpt,
                Model = metadata.Model?.ToString(),
            };
        }

        return new NanoGptTranscription(text, transcript, metadata)
        {
            RunId = job.RunId,
            Tokens = tokens,
            Segments = segments,
        };
    }

    public static NanoGptJobInfo JobInfo(TranscribeAsyncResponse dto) => new(dto.RunId)
    {
        Model = string.IsNullOrWhiteSpace(dto.Model) ? (NanoGptModel?)null : new NanoGptModel(dto.Model),
        Cost = Money(dto.Cost),
        PaymentSource = dto.PaymentSource,
        IsApiRequest = dto.IsApiRequest,
        FileName = dto.FileName,
        FileSize = dto.FileSize,
        ChargedDurationMinutes = dto.ChargedDuration,
        Diarize = dto.Diarize,
    };

    public static TranscribeStatusRequest StatusRequest(NanoGptJobInfo job) => new()
    {
        RunId = job.RunId,
        Cost = job.Cost is { } c ? (double)c : (double?)null,
        PaymentSource = job.PaymentSource,
        IsApiRequest = job.IsApiRequest,
        FileName = job.FileName,
        FileSize = job.FileSize,
        ChargedDuration = job.ChargedDurationMinutes,
        Diarize = job.Diarize,
    };

    /// <summary>Maps each word speaker id to one transcript label (see the class remarks).</summary>
    internal static IReadOnlyDictionary<string, string> SpeakerMap(IReadOnlyList<NanoGptToken> tokens, IReadOnlyList<NanoGptSpeakerSegment> segments)
    {
        var labelOrder = segments.Where(s => !string.IsNullOrEmpty(s.Speaker))
            .OrderBy(s => s.Start).ThenBy(s => s.End)
            .Select(s => s.Speaker!).Distinct(StringComparer.Ordinal)
            .Select((label, index) => (label, index)).ToDictionary(x => x.label, x => x.index, StringComparer.Ordinal);

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in tokens.Select(t => t.SpeakerId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal))
        {
            var overlap = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var t in tokens.Where(t => t.SpeakerId == id))
            {
                foreach (var s in segments)
                {
                    if (string.IsNullOrEmpty(s.Speaker))
                    {
                        continue;
                    }

                    var o = (Min(t.End, s.End) - Max(t.Start, s.Start)).TotalSeconds;
                    if (o > 0)
                    {
                        overlap[s.Speaker] = overlap.GetValueOrDefault(s.Speaker) + o;
                    }
                }
            }

            map[id!] = overlap.Count > 0
                ? overlap.OrderByDescending(kv => kv.Value).ThenBy(kv => labelOrder[kv.Key]).First().Key
                : Normalise(id!);
        }

        return map;
    }

    /// <summary><c>speaker_N</c> → <c>Speaker N+1</c>; other ids unchanged.</summary>
    internal static string Normalise(string id)
    {
        const string Prefix = "speaker_";
        return id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(id.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < int.MaxValue
            ? "Speaker " + (n + 1).ToString(CultureInfo.InvariantCulture)
            : id;
    }

    private static List<TranscriptWord> Words(IReadOnlyList<NanoGptToken> tokens, IReadOnlyDictionary<string, string> speakers)
    {
        var words = new List<TranscriptWord>(tokens.Count);
        foreach (var t in tokens)
        {
            if (string.IsNullOrWhiteSpace(t.Text))
            {
                continue;
            }

            var speaker = t.SpeakerId is { Length: > 0 } id ? speakers[id] : null;
            if (string.Equals(t.Type, "punctuation", StringComparison.OrdinalIgnoreCase) && words.Count > 0)
            {
                var prev = words[^1];
                words[^1] = new TranscriptWord(prev.Text + t.Text.Trim(), prev.Start, Max(prev.End, t.End), prev.Speaker, prev.Confidence);
                continue;
            }

            words.Add(new TranscriptWord(t.Text.Trim(), t.Start, t.End, speaker));
        }

        return words;
    }

    private static NanoGptTranscriptionMetadata Metadata(TranscriptionMetadata? m, NanoGptJobInfo? job) => new()
    {
        Model = !string.IsNullOrWhiteSpace(m?.Model) ? new NanoGptModel(m.Model) : job?.Model,
        Cost = Money(m?.Cost) ?? job?.Cost,
        Currency = m?.Currency,
        FileName = m?.FileName ?? job?.FileName,
        FileSize = m?.FileSize ?? job?.FileSize,
        ChargedDuration = Minutes(m?.ChargedDuration ?? job?.ChargedDurationMinutes, "metadata.chargedDuration"),
        ActualDuration = Minutes(m?.ActualDuration, "metadata.actualDuration"),
        Language = m?.Language,
    };

    private static decimal? Money(double? value) =>
        value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) && Math.Abs(v) < 1e15 ? (decimal)v : null;

    private static TimeSpan? Minutes(double? minutes, string field) =>
        minutes is { } m ? TimeRules.FromSeconds(m * 60, field) : null;

    private static TimeSpan Seconds(double? seconds, string field) =>
        seconds is { } s ? TimeRules.FromSeconds(s, field) : TimeSpan.Zero;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
