using System.Text.Json;
using Pyannote.Sdk.Transcripts;
using Pyannote.Sdk.Webhooks;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>
/// The one place that turns a pyannoteAI job <c>output</c> object into the SDK's result types. Polling (the generated
/// DTO) and webhooks (raw JSON of the same shape) both come through here. A body of the wrong shape becomes
/// <see cref="SpeechResponseFormatException"/>.
/// </summary>
internal static class PyannoteMapper
{
    private static readonly TimeSpan WordInTurnTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads an <c>output</c> object of any job type.</summary>
    public static G.JobOutput Parse(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object)
        {
            throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, $"the job output must be a JSON object (was {output.ValueKind}).");
        }

        try
        {
            return output.Deserialize(G.PyannoteAIGeneratedClient.TypeInfo<G.JobOutput>())
                ?? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job output is null.");
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job output could not be read: " + ex.Message, ex);
        }
    }

    /// <summary>Reads an <c>output</c> object from its UTF-8 JSON bytes (for example a webhook body's <c>output</c>).</summary>
    public static G.JobOutput Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, G.PyannoteAIGeneratedClient.TypeInfo<G.JobOutput>())
                ?? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job output is null.");
        }
        catch (JsonException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job output could not be read: " + ex.Message, ex);
        }
    }

    /// <summary>Which job type produced an <c>output</c> (a webhook body does not say): a voiceprint job has
    /// <c>voiceprint</c>, an identification job has <c>identification</c> or <c>voiceprints</c>, anything else is a diarization.</summary>
    public static PyannoteWebhookJobKind DetectKind(G.JobOutput output) =>
        output.Voiceprint is not null ? PyannoteWebhookJobKind.Voiceprint
        : output.Identification is not null || output.Voiceprints is not null ? PyannoteWebhookJobKind.Identification
        : PyannoteWebhookJobKind.Diarization;

    /// <summary>Maps a diarization job's <c>output</c> (raw JSON, as polled or as delivered to a webhook).</summary>
    /// <param name="output">The <c>output</c> object.</param>
    /// <param name="transcriptionModel">The speech-to-text model, recorded on the transcript when known.</param>
    public static DiarizationResult ToDiarizationResult(JsonElement output, string? transcriptionModel = null) =>
        ToDiarizationResult(Parse(output), transcriptionModel);

    /// <summary>Maps an identification job's <c>output</c> (raw JSON).</summary>
    public static IdentificationResult ToIdentificationResult(JsonElement output) => ToIdentificationResult(Parse(output));

    /// <summary>Reads a voiceprint job's <c>output</c> (raw JSON): the voiceprint string.</summary>
    public static string ToVoiceprint(JsonElement output) => ToVoiceprint(Parse(output));

    public static DiarizationResult ToDiarizationResult(G.JobOutput output, string? transcriptionModel = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Guard(() =>
        {
            var diarization = Segments(output.Diarization) ?? Array.Empty<DiarizationSegment>();
            var exclusive = Segments(output.ExclusiveDiarization);
            var confidence = Confidence(output.Confidence);
            var warning = output.Warning;
            // The result object is the transcript's raw representation, so the transcript is attached after it exists.
            var result = new DiarizationResult(diarization, exclusive, confidence, warning, null)
            {
                SpeechProbability = Scores(output.SpeechProbability, "speechProbability"),
                CrosstalkProbability = Scores(output.CrosstalkProbability, "crosstalkProbability"),
                SpeakerProbability = SpeakerScores(output.SpeakerProbability),
                Raw = Http.RawJson.Of(output, G.PyannoteAIGeneratedClient.TypeInfo<G.JobOutput>()),
            };
            if (output.WordLevelTranscription is not null || output.TurnLevelTranscription is not null)
            {
                result.AttachTranscript(BuildTranscript(output, transcriptionModel, result));
            }

            return result;
        });
    }

    public static IdentificationResult ToIdentificationResult(G.JobOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Guard(() =>
        {
            var identification = Items(output.Identification, "identification").Select(s =>
            {
                var diarizationSpeaker = s.DiarizationSpeaker ?? s.Speaker ?? string.Empty;
                var (start, end) = Span(s.Start ?? 0, s.End ?? 0);
                return new IdentifiedSegment(s.Speaker ?? s.Match ?? diarizationSpeaker, diarizationSpeaker, s.Match, start, end, Map(s.Confidence));
            }).ToArray();
            var voiceprints = Items(output.Voiceprints, "voiceprints")
                .Select(v => new VoiceprintMatch(v.Speaker ?? string.Empty, v.Match, Map(v.Confidence) ?? new Dictionary<string, double>()))
                .ToArray();
            return new IdentificationResult(
                Segments(output.Diarization) ?? Array.Empty<DiarizationSegment>(),
                Segments(output.ExclusiveDiarization),
                Confidence(output.Confidence),
                output.Warning,
                identification,
                voiceprints)
            {
                SpeechProbability = Scores(output.SpeechProbability, "speechProbability"),
                CrosstalkProbability = Scores(output.CrosstalkProbability, "crosstalkProbability"),
                SpeakerProbability = SpeakerScores(output.SpeakerProbability),
                Raw = Http.RawJson.Of(output, G.PyannoteAIGeneratedClient.TypeInfo<G.JobOutput>()),
            };
        });
    }

    public static string ToVoiceprint(G.JobOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return string.IsNullOrEmpty(output.Voiceprint)
            ? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the voiceprint job output has no voiceprint.")
            : output.Voiceprint;
    }

    private static Transcript BuildTranscript(G.JobOutput output, string? model, DiarizationResult raw)
    {
        var words = Items(output.WordLevelTranscription, "wordLevelTranscription")
            .Select(w =>
            {
                var (start, end) = Span(w.Start, w.End);
                return new TranscriptWord(w.Text ?? string.Empty, start, end, w.Speaker);
            })
            .OrderBy(w => w.Start)
            .ToArray();

        SpeakerTurn[]? turns = null;
        if (output.TurnLevelTranscription is { } turnSegments)
        {
            turns = Items(turnSegments, "turnLevelTranscription").Select(t =>
            {
                var (start, end) = Span(t.Start, t.End);
                return new SpeakerTurn(t.Speaker, start, end, (t.Text ?? string.Empty).Trim(), WordsIn(words, t.Speaker, start, end));
            }).ToArray();
        }

        var warnings = string.IsNullOrEmpty(output.Warning) ? Array.Empty<string>() : new[] { output.Warning };
        return new Transcript(words, turns)
        {
            Vendor = SpeechVendor.Pyannote,
            Model = model,
            // pyannoteAI reports no duration; frame-level scores, when asked for, cover the whole audio.
            Duration = raw.SpeechProbability?.Duration ?? raw.CrosstalkProbability?.Duration ?? raw.Confidence?.Duration,
            Warnings = warnings,
            RawRepresentation = raw,
        };
    }

    private static TranscriptWord[] WordsIn(TranscriptWord[] sortedWords, string? speaker, TimeSpan start, TimeSpan end)
    {
        // Binary search for the first word that may belong to the turn, then take words until the turn ends.
        int lo = 0, hi = sortedWords.Length;
        var from = start - WordInTurnTolerance;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sortedWords[mid].Start < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var list = new List<TranscriptWord>();
        for (var i = lo; i < sortedWords.Length && sortedWords[i].Start <= end; i++)
        {
            var w = sortedWords[i];
            if (w.End <= end + WordInTurnTolerance && string.Equals(w.Speaker, speaker, StringComparison.Ordinal))
            {
                list.Add(w);
            }
        }

        return list.ToArray();
    }

    private static DiarizationSegment[]? Segments(List<G.DiarizationSegment>? segments) =>
        segments is null ? null : Items(segments, "diarization").Select(s =>
        {
            var (start, end) = Span(s.Start, s.End);
            return new DiarizationSegment(s.Speaker ?? string.Empty, start, end, Map(s.Confidence));
        }).ToArray();

    private static DiarizationConfidence? Confidence(G.Confidence? confidence) =>
        confidence is null ? null : new DiarizationConfidence(
            (confidence.Score ?? new List<double>()).ToArray(),
            TimeRules.FromSeconds(confidence.Resolution, "resolution"));

    private static FrameScores? Scores(G.Confidence? scores, string field) =>
        scores is null ? null : new FrameScores(
            (scores.Score ?? new List<double>()).ToArray(),
            TimeRules.FromSeconds(scores.Resolution, field + ".resolution"));

    private static SpeakerFrameScores? SpeakerScores(G.SpeakerProbability? scores)
    {
        if (scores is null)
        {
            return null;
        }

        var resolution = TimeRules.FromSeconds(scores.Resolution, "speakerProbability.resolution");
        var speakers = new Dictionary<string, FrameScores>(StringComparer.Ordinal);
        foreach (var (label, series) in scores.Score ?? new Dictionary<string, List<double>>())
        {
            speakers[label] = new FrameScores((series ?? new List<double>()).ToArray(), resolution);
        }

        return new SpeakerFrameScores(speakers, resolution);
    }

    private static IReadOnlyDictionary<string, double>? Map(Dictionary<string, double>? confidence) =>
        confidence is null ? null : new Dictionary<string, double>(confidence, StringComparer.Ordinal);

    private static (TimeSpan Start, TimeSpan End) Span(double startSeconds, double endSeconds)
    {
        var start = TimeRules.FromSeconds(startSeconds, "start");
        var end = TimeRules.FromSeconds(endSeconds, "end");
        return (start, end < start ? start : end);
    }

    /// <summary>The entries of an output array; a null entry (which the schema does not allow) is a format error, not a crash.</summary>
    private static IEnumerable<T> Items<T>(IEnumerable<T?>? items, string field)
        where T : class
    {
        if (items is null)
        {
            yield break;
        }

        var i = 0;
        foreach (var item in items)
        {
            yield return item ?? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, $"the job output's {field}[{i}] is null.");
            i++;
        }
    }

    private static T Guard<T>(Func<T> map)
    {
        try
        {
            return map();
        }
        catch (ArgumentException ex)
        {
            throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job output holds an invalid value: " + ex.Message, ex);
        }
    }
}
