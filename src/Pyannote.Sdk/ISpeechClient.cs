using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk;

/// <summary>
/// The one operation every vendor client offers: turn audio into a speaker-attributed <see cref="Transcript"/>.
/// Long-running vendor jobs are awaited before the task completes.
/// </summary>
public interface ISpeechClient
{
    /// <summary>The vendor behind this client.</summary>
    SpeechVendor Vendor { get; }

    /// <summary>Transcribes <paramref name="audio"/> and returns words with times and speakers, and speaker turns.</summary>
    /// <param name="audio">A local file, a stream, or a URL the vendor can fetch.</param>
    /// <param name="options">Language, diarization, speaker-count hints, model; <see langword="null"/> for the vendor's defaults (diarization on).</param>
    /// <param name="cancellationToken">Cancels the request or the wait.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule of the vendor; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The vendor answered with an error.</exception>
    /// <exception cref="Jobs.SpeechJobException">A vendor job failed, was canceled, or did not finish within the wait limit.</exception>
    Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default);
}
