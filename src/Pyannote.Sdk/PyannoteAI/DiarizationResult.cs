using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>The result of a pyannoteAI diarization job. Immutable.</summary>
public class DiarizationResult
{
    internal DiarizationResult(
        IReadOnlyList<DiarizationSegment> diarization,
        IReadOnlyList<DiarizationSegment>? exclusiveDiarization,
        DiarizationConfidence? confidence,
        string? warning,
        Transcript? transcript)
    {
        Diarization = diarization;
        ExclusiveDiarization = exclusiveDiarization;
        Confidence = confidence;
        Warning = warning;
        _transcript = transcript;
    }

    private Transcript? _transcript;

    /// <summary>Speaker segments in the service's order; segments of different speakers may overlap. With
    /// turn-level confidence, each segment carries its <see cref="DiarizationSegment.Confidence"/> map.</summary>
    public IReadOnlyList<DiarizationSegment> Diarization { get; }

    /// <summary>Non-overlapping segments, when exclusive diarization was requested; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<DiarizationSegment>? ExclusiveDiarization { get; }

    /// <summary>Frame-level confidence, when requested; otherwise <see langword="null"/>.</summary>
    public DiarizationConfidence? Confidence { get; }

    /// <summary>The frame-level probability that anyone is speaking, when
    /// <see cref="DiarizationOptions.SpeechProbability"/> was set; otherwise <see langword="null"/>.</summary>
    public FrameScores? SpeechProbability { get; internal init; }

    /// <summary>The frame-level probability that more than one person is speaking, when
    /// <see cref="DiarizationOptions.CrosstalkProbability"/> was set; otherwise <see langword="null"/>.</summary>
    public FrameScores? CrosstalkProbability { get; internal init; }

    /// <summary>Per diarization label, the frame-level probability that the speaker is speaking, when
    /// <see cref="DiarizationOptions.SpeakerProbability"/> was set; otherwise <see langword="null"/>.</summary>
    public SpeakerFrameScores? SpeakerProbability { get; internal init; }

    /// <summary>A note from the service, for example when a speaker count could not be honoured.</summary>
    public string? Warning { get; }

    /// <summary>Speaker-attributed words and turns, when the transcription add-on was requested; otherwise <see langword="null"/>.</summary>
    public Transcript? Transcript => _transcript;

    /// <summary>The job's <c>output</c> object as JSON, members the SDK does not know included.</summary>
    public System.Text.Json.JsonElement? RawOutput => Raw?.Value;

    internal Http.RawJson? Raw { get; set; }

    /// <summary>What the vendor's answer that delivered this result (the job poll) said besides its body: status,
    /// request id, rate-limit state and headers.</summary>
    public SpeechResponseInfo? Response { get; internal set; }

    /// <summary>Sets the transcript once, right after construction (the transcript refers back to this result).</summary>
    internal void AttachTranscript(Transcript transcript) => _transcript ??= transcript;
}
