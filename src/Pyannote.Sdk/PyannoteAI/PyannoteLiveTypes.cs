using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>An event of a pyannoteAI live diarization session.</summary>
public abstract record PyannoteLiveEvent : LiveEvent;

/// <summary>A speaker started talking (<c>diarization_speaker_start</c>). Speakers may overlap: each has its own start
/// and end. Labels (<c>SPEAKER_00</c>…) are stable within one session only; at most 8 speakers are tracked at once.</summary>
/// <param name="Speaker">The speaker's label.</param>
/// <param name="Time">Position in the audio, from the start of the stream.</param>
public sealed record PyannoteSpeakerStarted(string Speaker, TimeSpan Time) : PyannoteLiveEvent;

/// <summary>A speaker stopped talking (<c>diarization_speaker_end</c>).</summary>
/// <param name="Speaker">The speaker's label.</param>
/// <param name="Time">Position in the audio, from the start of the stream.</param>
/// <param name="StartTime">When this speaker's turn started, or <see langword="null"/> when no start was received for
/// it: such unmatched ends have been observed (unconfirmed by the vendor) and are passed on rather than dropped.</param>
public sealed record PyannoteSpeakerEnded(string Speaker, TimeSpan Time, TimeSpan? StartTime) : PyannoteLiveEvent;

/// <summary>The service reported a problem with what it received (<c>error</c>, for example "Invalid chunk size").
/// The session is not ended by the SDK: whether the service closes it afterwards is not documented.</summary>
/// <param name="Message">The service's message.</param>
public sealed record PyannoteLiveError(string Message) : PyannoteLiveEvent;

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

/// <summary>A live diarization session created with <c>POST /v1/live</c>. Its WebSocket URL is single-use and carries
/// its own access token (no API key), so it can be handed to another process; treat it as a secret. It never appears in
/// <see cref="ToString"/>, logs or spans.</summary>
public sealed class PyannoteLiveSession
{
    /// <summary>Creates a session from its id and URL, for a session created elsewhere (for example by a server that
    /// keeps the API key and hands the URL to a client).</summary>
    /// <param name="id">The session id.</param>
    /// <param name="url">The single-use <c>ws://</c> or <c>wss://</c> URL, exactly as the service returned it.</param>
    /// <exception cref="ArgumentException">The id is empty or the URL is not an absolute WebSocket (or http) URL.</exception>
    public PyannoteLiveSession(string id, Uri url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new ArgumentException("The session URL must be an absolute ws:// or wss:// URL.", nameof(url));
        }

        Id = id;
        Url = url;
    }

    /// <summary>The session id, for <see cref="PyannoteClient.GetLiveSessionAsync"/>.</summary>
    public string Id { get; }

    /// <summary>The single-use WebSocket URL, exactly as returned. A secret.</summary>
    public Uri Url { get; }

    /// <inheritdoc />
    public override string ToString() => $"pyannoteAI live session {Id} (URL redacted)";
}

/// <summary>Status of a live session as reported by <c>GET /v1/live/{id}</c>. The vendor does not document when each
/// status is set.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Status">The raw status: <c>created</c>, <c>running</c>, <c>done</c> or <c>error</c> (others are passed through).</param>
/// <param name="StartedAt">When streaming started, if it has.</param>
/// <param name="CompletedAt">When the session ended, if it has.</param>
public sealed record PyannoteLiveSessionStatus(string Id, string? Status, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)
{
    /// <summary>Whether the session has ended (<c>done</c> or <c>error</c>).</summary>
    public bool IsTerminal => Status is "done" or "error";
}
