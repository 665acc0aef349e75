namespace Pyannote.Sdk.NanoGpt;

/// <summary>
/// What NanoGPT returned when it accepted a transcription job (its 202 answer). NanoGPT asks for these fields back on
/// every status request, so keep all of them (not only <see cref="RunId"/>) to resume a job later with
/// <see cref="NanoGptClient.GetTranscriptionJob(NanoGptJobInfo)"/>.
/// </summary>
public sealed class NanoGptJobInfo
{
    /// <summary>Creates the job description.</summary>
    /// <param name="runId">The job id.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null or blank.</exception>
    public NanoGptJobInfo(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        RunId = runId;
    }

    /// <summary>The job id (<c>runId</c>).</summary>
    public string RunId { get; }

    /// <summary>The model running the job.</summary>
    public NanoGptModel? Model { get; init; }

    /// <summary>The amount charged for the job (<c>cost</c>).</summary>
    public decimal? Cost { get; init; }

    /// <summary>Which balance paid (<c>paymentSource</c>: <c>USD</c> or <c>XNO</c>).</summary>
    public string? PaymentSource { get; init; }

    /// <summary>Whether the job was started through the API (<c>isApiRequest</c>).</summary>
    public bool? IsApiRequest { get; init; }

    /// <summary>The submitted file's name (<c>fileName</c>).</summary>
    public string? FileName { get; init; }

    /// <summary>The submitted file's size in bytes (<c>fileSize</c>).</summary>
    public long? FileSize { get; init; }

    /// <summary>The billed length in minutes, exactly as NanoGPT sent it (<c>chargedDuration</c>).</summary>
    public double? ChargedDurationMinutes { get; init; }

    /// <summary>Whether speaker attribution was requested (<c>diarize</c>).</summary>
    public bool? Diarize { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"NanoGPT job {RunId}";
}
