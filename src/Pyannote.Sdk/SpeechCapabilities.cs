namespace Pyannote.Sdk;

/// <summary>
/// What a vendor supports through <see cref="ISpeechClient"/>, so portable code can ask instead of catching
/// (<see cref="ISpeechClient.Capabilities"/>). An option a vendor cannot honour fails before any request with
/// <see cref="SpeechOptionNotSupportedException"/>. Immutable; one instance per vendor.
/// </summary>
public sealed class SpeechCapabilities
{
    /// <summary>Creates a description (for test doubles; the vendor clients have their own).</summary>
    /// <param name="vendor">The vendor described.</param>
    public SpeechCapabilities(SpeechVendor vendor)
    {
        Vendor = vendor;
    }

    /// <summary>The vendor described.</summary>
    public SpeechVendor Vendor { get; }

    /// <summary>Whether the vendor tells speakers apart (<see cref="TranscriptionOptions.Diarize"/>).</summary>
    public bool Diarization { get; init; }

    /// <summary>Whether the vendor takes speaker-count hints (<see cref="TranscriptionOptions.NumSpeakers"/>,
    /// <see cref="TranscriptionOptions.MinSpeakers"/>, <see cref="TranscriptionOptions.MaxSpeakers"/>).</summary>
    public bool SpeakerCountHints { get; init; }

    /// <summary>Whether the transcript can have per-word times (<see cref="TranscriptionOptions.WordTimestamps"/>);
    /// otherwise times are per segment or chunk.</summary>
    public bool WordTimestamps { get; init; }

    /// <summary>Whether the vendor translates speech to English (through the vendor client's own methods).</summary>
    public bool Translation { get; init; }

    /// <summary>Whether the caller may choose the model (<see cref="TranscriptionOptions.Model"/>).</summary>
    public bool ModelSelection { get; init; }

    /// <summary>Whether the vendor fetches audio from an http(s) URL (<see cref="AudioInput.FromUrl(Uri)"/>).</summary>
    public bool UrlInput { get; init; }

    /// <summary>The largest local file or stream the vendor accepts, in bytes.</summary>
    public long MaxUploadBytes { get; init; }

    /// <summary>The file extensions the vendor accepts for local audio (for example <c>.wav</c>); empty when any audio
    /// format the vendor can decode is accepted.</summary>
    public IReadOnlyList<string> AcceptedFormats { get; init; } = [];

    /// <summary>Whether work runs as a job that can be started, resumed from its id and awaited.</summary>
    public bool AsyncJobs { get; init; }

    /// <summary>Whether the vendor can deliver results to a webhook.</summary>
    public bool Webhooks { get; init; }

    /// <summary>Whether the SDK streams live audio to this vendor.</summary>
    public bool LiveStreaming { get; init; }

    /// <summary>The model <see cref="ISpeechClient.TranscribeAsync"/> uses when <see cref="TranscriptionOptions.Model"/>
    /// is not set, when the SDK knows it.</summary>
    public string? DefaultModel { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Vendor.DisplayName()}: diarization {Diarization}, speaker hints {SpeakerCountHints}, word timestamps {WordTimestamps}, translation {Translation}, URL input {UrlInput}, max upload {MaxUploadBytes:N0} bytes, jobs {AsyncJobs}, webhooks {Webhooks}, live {LiveStreaming}";

    /// <summary>Checks the portable options against this vendor, before any request: options the vendor cannot honour
    /// throw <see cref="SpeechOptionNotSupportedException"/>; values no vendor accepts throw
    /// <see cref="ArgumentException"/> naming <c>options.&lt;Property&gt;</c>.</summary>
    internal void Validate(TranscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (value, name) in new[] { (options.NumSpeakers, nameof(options.NumSpeakers)), (options.MinSpeakers, nameof(options.MinSpeakers)), (options.MaxSpeakers, nameof(options.MaxSpeakers)) })
        {
            if (value is null)
            {
                continue;
            }

            if (!SpeakerCountHints)
            {
                throw new SpeechOptionNotSupportedException(Vendor, $"{nameof(TranscriptionOptions)}.{name}", "it takes no speaker-count hints and finds the speakers itself; leave it unset (see SpeechCapabilities.SpeakerCountHints).");
            }

            if (value < 1)
            {
                throw new ArgumentOutOfRangeException("options." + name, value, $"{name} must be at least 1.");
            }

            if (!options.Diarize)
            {
                throw new ArgumentException($"{name} needs diarization; set Diarize to true or leave the speaker counts unset.", "options." + nameof(options.Diarize));
            }
        }

        if (options.NumSpeakers is not null && (options.MinSpeakers is not null || options.MaxSpeakers is not null))
        {
            throw new ArgumentException("NumSpeakers cannot be combined with MinSpeakers or MaxSpeakers.", "options.NumSpeakers");
        }

        if (options.MinSpeakers > options.MaxSpeakers)
        {
            throw new ArgumentException($"MinSpeakers ({options.MinSpeakers}) must not be greater than MaxSpeakers ({options.MaxSpeakers}).", "options.MinSpeakers");
        }

        if (!ModelSelection && !string.IsNullOrEmpty(options.Model))
        {
            throw new SpeechOptionNotSupportedException(Vendor, $"{nameof(TranscriptionOptions)}.{nameof(options.Model)}", $"it has a single speech-to-text model{(DefaultModel is null ? string.Empty : " (" + DefaultModel + ")")}; leave it unset.");
        }
    }
}
