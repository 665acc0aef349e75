using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Extensions.AI;

// Together real time behind GetStreamingTextAsync (text without speakers).
internal static partial class LiveUpdates
{
    /// <summary>The live updates of <paramref name="client"/> when it can stream <paramref name="audio"/> for real (a
    /// Together client given WAV), paced at real time unless <c>RawRepresentationFactory</c> supplies
    /// <see cref="TogetherRealtimeOptions"/> saying otherwise; <see langword="null"/> when it cannot.</summary>
    public static IAsyncEnumerable<SpeechToTextResponseUpdate>? TryStreamLive(ISpeechClient client, Stream audio, SpeechToTextOptions? options, ISpeechToTextClient adapter, CancellationToken cancellationToken)
    {
        if (client is not TogetherClient together || !LooksLikeWav(audio))
        {
            return null;
        }

        var realtime = options?.RawRepresentationFactory?.Invoke(adapter) as TogetherRealtimeOptions;
        return FromTogetherAsync(together, audio, realtime, options?.SpeechLanguage, options?.ModelId, cancellationToken);
    }

    public static async IAsyncEnumerable<SpeechToTextResponseUpdate> FromTogetherAsync(TogetherClient client, Stream wav, TogetherRealtimeOptions? given, string? language, string? model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = given ?? new TogetherRealtimeOptions();
        if (language is { Length: > 0 })
        {
            options.Language = language;
        }

        if (model is { Length: > 0 })
        {
            options.Model = model;
        }

        TimeSpan? end = null;
        await foreach (var e in client.StreamRealtimeTranscriptionAsync(LiveAudioSource.FromWavStream(wav, leaveOpen: true), options, cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case TogetherRealtimeSessionCreated created:
                    yield return Update(SpeechToTextResponseUpdateKind.SessionOpen, string.Empty, options.Model, created);
                    break;
                case TogetherTranscriptionDelta delta:
                    yield return Update(SpeechToTextResponseUpdateKind.TextUpdating, delta.Text, options.Model, delta, start: delta.Start);
                    break;
                case TogetherTranscriptionCompleted completed:
                    end = completed.Start + completed.Duration ?? end;
                    yield return Update(SpeechToTextResponseUpdateKind.TextUpdated, completed.Text, options.Model, completed, start: completed.Start, end: completed.Start + completed.Duration);
                    break;
                case TogetherRealtimeError error:
                    yield return Update(SpeechToTextResponseUpdateKind.Error, error.Message, options.Model, error);
                    break;
            }
        }

        yield return Update(SpeechToTextResponseUpdateKind.SessionClose, string.Empty, options.Model, null, end: end);
    }
}
