using Pyannote.Sdk.Jobs;
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

    /// <summary>Sets the transcript once, right after construction (the transcript refers back to this result).</summary>
    internal void AttachTranscript(Transcript transcript) => _transcript ??= transcript;
}

/// <summary>One turn of an identification job, with the voiceprint it was matched to.</summary>
public sealed class IdentifiedSegment
{
    internal IdentifiedSegment(string speaker, string diarizationSpeaker, string? match, TimeSpan start, TimeSpan end, IReadOnlyDictionary<string, double>? confidence)
    {
        Speaker = speaker;
        DiarizationSpeaker = diarizationSpeaker;
        Match = match;
        Start = start;
        End = end;
        Confidence = confidence;
    }

    /// <summary>The label shown for the turn: the matched voiceprint's label, or the diarization label.</summary>
    public string Speaker { get; }

    /// <summary>The diarization label of the turn (for example <c>SPEAKER_00</c>).</summary>
    public string DiarizationSpeaker { get; }

    /// <summary>The matched voiceprint's label, or <see langword="null"/> when no voiceprint matched.</summary>
    public string? Match { get; }

    /// <summary>Start time.</summary>
    public TimeSpan Start { get; }

    /// <summary>End time.</summary>
    public TimeSpan End { get; }

    /// <summary>Per-label confidence (0–100), when turn-level confidence was requested.</summary>
    public IReadOnlyDictionary<string, double>? Confidence { get; }
}

/// <summary>How one diarization speaker compares with every voiceprint of an identification job.</summary>
public sealed class VoiceprintMatch
{
    internal VoiceprintMatch(string speaker, string? match, IReadOnlyDictionary<string, double> confidence)
    {
        Speaker = speaker;
        Match = match;
        Confidence = confidence;
    }

    /// <summary>The diarization speaker label.</summary>
    public string Speaker { get; }

    /// <summary>The voiceprint label matched to the speaker, or <see langword="null"/>.</summary>
    public string? Match { get; }

    /// <summary>Confidence (0–100) per voiceprint label.</summary>
    public IReadOnlyDictionary<string, double> Confidence { get; }
}

/// <summary>The result of a pyannoteAI identification job: the diarization plus the voiceprint matches. Immutable.</summary>
public sealed class IdentificationResult : DiarizationResult
{
    internal IdentificationResult(
        IReadOnlyList<DiarizationSegment> diarization,
        IReadOnlyList<DiarizationSegment>? exclusiveDiarization,
        DiarizationConfidence? confidence,
        string? warning,
        IReadOnlyList<IdentifiedSegment> identification,
        IReadOnlyList<VoiceprintMatch> voiceprints)
        : base(diarization, exclusiveDiarization, confidence, warning, null)
    {
        Identification = identification;
        Voiceprints = voiceprints;
    }

    /// <summary>Turns with their matched voiceprint.</summary>
    public IReadOnlyList<IdentifiedSegment> Identification { get; }

    /// <summary>Per diarization speaker: the match and the confidence for every voiceprint.</summary>
    public IReadOnlyList<VoiceprintMatch> Voiceprints { get; }
}

/// <summary>A pyannoteAI job as <see cref="PyannoteClient.GetJobAsync"/> returns it, whatever its type.</summary>
public sealed class PyannoteJobInfo
{
    internal PyannoteJobInfo(string id, JobStatus status, DateTimeOffset? createdAt, DateTimeOffset? updatedAt, string? warning, string? error, System.Text.Json.JsonElement? output)
    {
        Id = id;
        Status = status;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Warning = warning;
        Error = error;
        Output = output;
    }

    /// <summary>The job id.</summary>
    public string Id { get; }

    /// <summary>The job's status.</summary>
    public JobStatus Status { get; }

    /// <summary>When the job was created, if the service said.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>When the job last changed, if the service said.</summary>
    public DateTimeOffset? UpdatedAt { get; }

    /// <summary>The output's warning, if any.</summary>
    public string? Warning { get; }

    /// <summary>Why the job failed, if the service said.</summary>
    public string? Error { get; }

    /// <summary>The raw <c>output</c> object (present once the job succeeded, for 24 hours). Read it through a typed job
    /// (<see cref="PyannoteClient.GetDiarizationJob"/> and its siblings) for typed results.</summary>
    public System.Text.Json.JsonElement? Output { get; }
}

/// <summary>One entry of <see cref="PyannoteClient.ListJobsAsync"/>: a job without its output.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Status">The job's status.</param>
/// <param name="CreatedAt">When the job was created.</param>
public sealed record PyannoteJobSummary(string Id, JobStatus Status, DateTimeOffset CreatedAt);
