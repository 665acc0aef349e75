using System.Runtime.CompilerServices;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Together;

/// <summary>Real-time speech-to-text over a WebSocket. The service has no speakers in real time; see
/// <c>LiveTranscriber</c> for speaker-attributed live captions.</summary>
public partial class TogetherClient
{
    /// <summary>
    /// Transcribes audio in real time: opens <c>wss …/v1/realtime</c>, waits for <c>session.created</c>, applies the
    /// voice-activity settings, streams the audio as 16 kHz mono 16-bit PCM in base64 <c>input_audio_buffer.append</c>
    /// messages (paced at real time unless <see cref="TogetherRealtimeOptions.Pacing"/> says otherwise), commits at the
    /// end, waits for the final <c>completed</c> and closes (the service never closes on its own).
    /// </summary>
    /// <param name="audio">The audio; converted to 16 kHz mono 16-bit whatever its format.</param>
    /// <param name="options">Model, voice-activity detection, chunking, pacing; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Ends the session: the socket is closed within about 100 ms.</param>
    /// <returns>Session, interim (each replacing the last) and completed-segment events, and service errors.</returns>
    /// <exception cref="ArgumentException">An option breaks a rule; nothing was sent.</exception>
    /// <exception cref="SpeechApiException">The handshake was refused (401 bad or missing key…) or the service reported a
    /// fatal error (<c>invalid_api_key</c>, <c>missing_api_key</c>, <c>model_not_available</c>).</exception>
    /// <exception cref="LiveStreamException">The connection dropped or closed unexpectedly; carries the events received.</exception>
    public virtual async IAsyncEnumerable<TogetherRealtimeEvent> StreamRealtimeTranscriptionAsync(LiveAudioSource audio, TogetherRealtimeOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new TogetherRealtimeOptions();
        options.Validate(nameof(options));
        var (connection, created) = await OpenRealtimeAsync(options, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = Task.Run(() => SendRealtimeAudioAsync(connection, audio, options, stop.Token), CancellationToken.None);
        var completed = false;
        try
        {
            yield return created;
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
            completed = true;
        }
        finally
        {
            if (!completed)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await connection.AbortAsync().ConfigureAwait(false);
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

    internal Task<(TogetherRealtimeConnection Connection, TogetherRealtimeSessionCreated Created)> OpenRealtimeAsync(TogetherRealtimeOptions options, CancellationToken cancellationToken)
    {
        var apiKey = PipelineCredentials.Find(_http)
            ?? throw new InvalidOperationException("This TogetherClient was not created with an API key the SDK can use for a WebSocket handshake; create it with new TogetherClient(apiKey, options) or AddSpeechClients.");
        return TogetherRealtimeConnection.OpenAsync(_endpoint, apiKey, options, cancellationToken);
    }

    private static async Task SendRealtimeAudioAsync(TogetherRealtimeConnection connection, LiveAudioSource audio, TogetherRealtimeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var chunkSamples = (int)(TogetherRealtimeConnection.SampleRate * options.ChunkDuration.TotalSeconds);
            var pacer = new RealTimePacer(TimeProvider.System, options.Pacing);
            var chunks = AudioFramer.FrameAsync(audio.ReadMonoAsync(TogetherRealtimeConnection.SampleRate, cancellationToken), chunkSamples, cancellationToken);
            await foreach (var chunk in chunks.ConfigureAwait(false))
            {
                await pacer.WaitAsync(options.ChunkDuration * chunk.Index, cancellationToken).ConfigureAwait(false);
                // The last chunk is sent without its padding: Together takes any length.
                await connection.SendAudioAsync(chunk.Samples.AsMemory(0, chunk.RealSamples), cancellationToken).ConfigureAwait(false);
            }

            await connection.FinishAsync(options.FinalResultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            // The receive loop reports the drop.
        }
        catch (Exception e)
        {
            await connection.AbortAsync(e).ConfigureAwait(false);
        }
    }
}
