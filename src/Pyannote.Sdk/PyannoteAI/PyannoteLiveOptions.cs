using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Settings of a pyannoteAI live diarization session. The service itself takes no options (no model, no
/// speaker-count hint); these control how the SDK streams.</summary>
public sealed class PyannoteLiveOptions
{
    /// <summary>How fast recorded audio is sent. Default <see cref="LivePacing.RealTime"/>, which pyannoteAI requires.</summary>
    public LivePacing Pacing { get; set; } = LivePacing.RealTime;

    /// <summary>How long to wait for the WebSocket to open; cold starts can take a few seconds. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait, after <c>end_of_stream</c>, for the service's remaining events and its close before the
    /// SDK closes the socket itself. Default 10 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events buffered for a slow consumer before the SDK stops reading from the socket. Default 1,024.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    internal void Validate(string parameterName)
    {
        if (!Enum.IsDefined(Pacing))
        {
            throw new ArgumentException($"Pacing must be RealTime or None (got {Pacing}).", parameterName);
        }

        if (ConnectTimeout <= TimeSpan.Zero || CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout and CloseTimeout must be positive.", parameterName);
        }

        if (EventBufferCapacity is < 1 or > 1_000_000)
        {
            throw new ArgumentException("EventBufferCapacity must be between 1 and 1,000,000.", parameterName);
        }
    }
}
