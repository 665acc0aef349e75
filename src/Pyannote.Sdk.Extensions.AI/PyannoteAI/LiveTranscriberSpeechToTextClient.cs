using Microsoft.Extensions.AI;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Extensions.AI;

/// <summary>Adapts <see cref="LiveTranscriber"/> (live speaker-attributed captions) to <see cref="ISpeechToTextClient"/>.</summary>
internal sealed class LiveTranscriberSpeechToTextClient(LiveTranscriber transcriber, string? model = null) : ISpeechToTextClient
{
    private readonly SpeechToTextClientMetadata _metadata = new("pyannote+together", null, model);

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        Transcript? transcript = null;
        await foreach (var update in GetStreamingTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == SpeechToTextResponseUpdateKind.SessionClose && update.RawRepresentation is Transcript t)
            {
                transcript = t;
            }
        }

        transcript ??= Transcript.Empty;
        return new SpeechToTextResponse(transcript.Text)
        {
            RawRepresentation = transcript,
            ModelId = model,
            StartTime = transcript.Turns.Count > 0 ? transcript.Turns[0].Start : null,
            EndTime = transcript.Duration,
        };
    }

    public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        return LiveUpdates.FromCaptionsAsync(transcriber, LiveAudioSource.FromWavStream(audioSpeechStream, leaveOpen: true), model, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        SpeechToTextClientAdapter.Service(serviceType, serviceKey, _metadata, transcriber, this);

    public void Dispose()
    {
    }
}
