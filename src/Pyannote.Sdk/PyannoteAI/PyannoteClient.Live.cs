using System.Runtime.CompilerServices;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Live;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Live (streaming) diarization, in beta at pyannoteAI: teams need access, others get 403 "Streaming is disabled".</summary>
public partial class PyannoteClient
{
    /// <summary>Creates a live diarization session (<c>POST /v1/live</c> with body <c>{}</c>). No audio is sent.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The session, whose single-use URL <see cref="StreamLiveDiarizationAsync(PyannoteLiveSession, LiveAudioSource, PyannoteLiveOptions?, CancellationToken)"/> opens.</returns>
    /// <exception cref="SpeechApiException">pyannoteAI refused: 402 (subscription required), 403 (streaming is disabled
    /// for the team: it is a beta that needs access), 429 (rate limit), 401 (bad key).</exception>
    public virtual async Task<PyannoteLiveSession> CreateLiveSessionAsync(CancellationToken cancellationToken = default)
    {
        var created = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.live.create", RequestKind.Billed,
            () => _api.CreateLiveStreamAsync(new G.CreateLiveStreamRequest(), cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(created.Id) || !Uri.TryCreate(created.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "pyannote.live.create: the answer lacks a session id or an absolute WebSocket URL.");
        }

        return new PyannoteLiveSession(created.Id, url);
    }

    /// <summary>Returns the status of a live session (<c>GET /v1/live/{id}</c>).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentException"><paramref name="sessionId"/> is empty.</exception>
    /// <exception cref="SpeechApiException">pyannoteAI answered with an error.</exception>
    public virtual async Task<PyannoteLiveSessionStatus> GetLiveSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var stream = await GeneratedCall.RunAsync(SpeechVendor.Pyannote, "pyannote.live.get", RequestKind.Idempotent,
            () => _api.GetLiveStreamAsync(sessionId, cancellationToken)).ConfigureAwait(false);
        return new PyannoteLiveSessionStatus(stream.Id ?? sessionId, stream.Status, stream.StartedAt, stream.CompletedAt);
    }

    /// <summary>
    /// Diarizes audio live: creates a session (errors such as 403 "Streaming is disabled" are thrown before any audio is
    /// sent), then streams the audio as 100 ms frames of 16 kHz mono float32 at no more than real time, zero-padding the
    /// last frame, sends <c>end_of_stream</c> and yields speaker events until the service closes the session.
    /// </summary>
    /// <param name="audio">The audio; converted to 16 kHz mono float32 whatever its format.</param>
    /// <param name="options">Pacing and timeouts; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Ends the session: the socket is closed within about 100 ms.</param>
    /// <returns>Speaker starts and ends (with overlap) and service errors, in arrival order.</returns>
    /// <exception cref="SpeechApiException">The session could not be created, or the WebSocket handshake was refused.</exception>
    /// <exception cref="LiveStreamException">The connection dropped or was closed abnormally; carries the events received.</exception>
    public virtual async IAsyncEnumerable<PyannoteLiveEvent> StreamLiveDiarizationAsync(LiveAudioSource audio, PyannoteLiveOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new PyannoteLiveOptions();
        options.Validate(nameof(options));
        var session = await CreateLiveSessionAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var e in StreamLiveDiarizationAsync(session, audio, options, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>Streams audio to a session already created (see <see cref="CreateLiveSessionAsync"/>); the session URL is
    /// single-use.</summary>
    /// <param name="session">The session.</param>
    /// <param name="audio">The audio.</param>
    /// <param name="options">Pacing and timeouts; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Ends the session: the socket is closed within about 100 ms.</param>
    /// <returns>Speaker events in arrival order.</returns>
    /// <exception cref="SpeechApiException">The WebSocket handshake was refused (for example a URL already used).</exception>
    /// <exception cref="LiveStreamException">The connection dropped or was closed abnormally; carries the events received.</exception>
    public virtual async IAsyncEnumerable<PyannoteLiveEvent> StreamLiveDiarizationAsync(PyannoteLiveSession session, LiveAudioSource audio, PyannoteLiveOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new PyannoteLiveOptions();
        options.Validate(nameof(options));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connection = await PyannoteLiveConnection.OpenAsync(session, options, cancellationToken).ConfigureAwait(false);
        var sender = Task.Run(() => SendLiveAudioAsync(connection, audio, options, stop.Token), CancellationToken.None);
        var completed = false;
        try
        {
            var reader = connection.Events;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return e;
                }
            }

            await sender.ConfigureAwait(false);
            await connection.FinishAsync().ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            if (!completed)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await connection.AbortAsync(null).ConfigureAwait(false);
                try
                {
                    await sender.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The sender stops because the session is ending; its error is not the caller's.
                }
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLiveAudioAsync(PyannoteLiveConnection connection, LiveAudioSource audio, PyannoteLiveOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var pacer = new RealTimePacer(Options.TimeProvider, options.Pacing);
            var frames = AudioFramer.FrameAsync(audio.ReadMonoAsync(PyannoteLiveConnection.SampleRate, cancellationToken), PyannoteLiveConnection.FrameSamples, cancellationToken);
            await foreach (var frame in frames.ConfigureAwait(false))
            {
                await pacer.WaitAsync(PyannoteLiveConnection.FrameDuration * frame.Index, cancellationToken).ConfigureAwait(false);
                await connection.SendFrameAsync(frame.Samples, cancellationToken).ConfigureAwait(false);
            }

            await connection.SendEndOfStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            // The receive loop reports the drop (with the close code and what was received).
        }
        catch (Exception e)
        {
            // The audio source failed (unreadable WAV, a capture error): end the session with that error.
            await connection.AbortAsync(e).ConfigureAwait(false);
        }
    }
}
