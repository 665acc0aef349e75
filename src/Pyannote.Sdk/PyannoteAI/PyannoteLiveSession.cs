namespace Pyannote.Sdk.PyannoteAI;

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
