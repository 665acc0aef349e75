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

    /// <summary>What the vendor supports through this interface (diarization, speaker-count hints, word timestamps,
    /// URL input, upload limit, formats, jobs, webhooks, live streaming), so portable code can ask instead of catching.
    /// Implementations that do not say report nothing as supported.</summary>
    SpeechCapabilities Capabilities => new(Vendor);

    /// <summary>The base URL this client calls (the vendor's public endpoint unless <see cref="SpeechClientOptions.Endpoint"/>
    /// was set); <see langword="null"/> when not known.</summary>
    Uri? Endpoint => null;

    /// <summary>Transcribes <paramref name="audio"/> and returns words with times and speakers, and speaker turns.</summary>
    /// <param name="audio">A local file, a stream, or a URL the vendor can fetch.</param>
    /// <param name="options">Language, diarization, speaker-count hints, model; <see langword="null"/> for the vendor's defaults (diarization on).</param>
    /// <param name="cancellationToken">Cancels the request or the wait.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentException">An option or the input breaks a rule of the vendor; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">The audio file does not exist; nothing was sent.</exception>
    /// <exception cref="SpeechOptionNotSupportedException">An option the vendor cannot honour was set (see <see cref="Capabilities"/>); nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The vendor answered with an error.</exception>
    /// <exception cref="Jobs.SpeechJobException">A vendor job failed, was canceled, or did not finish within the wait limit.</exception>
    /// <exception cref="SpeechException">Any other failure of the SDK or the vendor (timeouts, transport, unreadable answers).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; a vendor job that was
    /// already created keeps running and its id is on the exception (<see cref="Jobs.SpeechJobData.TryGetJobId"/>).</exception>
    Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default);
}
