using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Extensions.AI;

/// <summary>Adapts <see cref="ISpeechClient"/> to <see cref="ISpeechToTextClient"/>.</summary>
internal sealed class SpeechToTextClientAdapter : ISpeechToTextClient
{
    /// <summary>Keys read from <see cref="SpeechToTextOptions.AdditionalProperties"/> (case-insensitive).</summary>
    internal const string DiarizeKey = "diarize";
    internal const string NumSpeakersKey = "numSpeakers";
    internal const string MinSpeakersKey = "minSpeakers";
    internal const string MaxSpeakersKey = "maxSpeakers";
    internal const string WordTimestampsKey = "wordTimestamps";
    internal const string FileNameKey = "fileName";
    internal const string FormatCheckKey = "formatCheck";
    internal const string SpeakerKey = "speaker";
    internal const string LiveKey = "live";

    private readonly ISpeechClient _client;
    private readonly string _defaultFileName;
    private readonly SpeechToTextClientMetadata _metadata;

    public SpeechToTextClientAdapter(ISpeechClient client, string defaultFileName)
    {
        _client = client;
        _defaultFileName = defaultFileName;
        _metadata = new SpeechToTextClientMetadata(client.Vendor.Key(), client.Endpoint, client.Capabilities.DefaultModel);
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transcript = await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        return new SpeechToTextResponse(transcript.Text)
        {
            RawRepresentation = transcript,
            ModelId = transcript.Model,
            StartTime = transcript.Words.Count > 0 ? transcript.Words[0].Start : transcript.Turns.Count > 0 ? transcript.Turns[0].Start : null,
            EndTime = transcript.Duration ?? (transcript.Turns.Count > 0 ? transcript.Turns[^1].End : null),
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        if (WantsLive(options) && LiveUpdates.TryStreamLive(_client, audioSpeechStream, options, this, cancellationToken) is { } live)
        {
            // A live-capable client streams for real (LiveUpdates.TryStreamLive says which can).
            await foreach (var update in live.ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        // Otherwise the vendors answer with a whole transcript; each speaker turn becomes one update, in time order.
        var transcript = await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var turn in transcript.Turns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = new SpeechToTextResponseUpdate(turn.Text)
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdated,
                StartTime = turn.Start,
                EndTime = turn.End,
                ModelId = transcript.Model,
                RawRepresentation = turn,
            };
            if (turn.Speaker is not null)
            {
                (update.AdditionalProperties ??= new AdditionalPropertiesDictionary())[SpeakerKey] = turn.Speaker;
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => Service(serviceType, serviceKey, _metadata, _client, this);

    /// <summary>The one <see cref="ISpeechToTextClient.GetService"/> of the adapters: the metadata, the wrapped SDK
    /// object, or the adapter itself; nothing for a keyed request.</summary>
    internal static object? Service(Type serviceType, object? serviceKey, SpeechToTextClientMetadata metadata, object inner, ISpeechToTextClient adapter)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(SpeechToTextClientMetadata))
        {
            return metadata;
        }

        if (serviceType.IsInstanceOfType(inner))
        {
            return inner;
        }

        return serviceType.IsInstanceOfType(adapter) ? adapter : null;
    }

    public void Dispose()
    {
        // The vendor client belongs to the caller (or to a DI container).
    }

    internal TranscriptionOptions ToTranscriptionOptions(SpeechToTextOptions? options)
    {
        // A caller may supply the SDK's own options through RawRepresentationFactory; the common options then override.
        var result = options?.RawRepresentationFactory?.Invoke(this) as TranscriptionOptions ?? new TranscriptionOptions();
        if (options is null)
        {
            return result;
        }

        if (options.SpeechLanguage is { Length: > 0 } language)
        {
            result.Language = language;
        }

        if (options.ModelId is { Length: > 0 } model)
        {
            result.Model = model;
        }

        var props = options.AdditionalProperties;
        if (props is null)
        {
            return result;
        }

        if (TryGet(props, DiarizeKey, out var diarize))
        {
            result.Diarize = ToBool(diarize, DiarizeKey);
        }

        if (TryGet(props, WordTimestampsKey, out var words))
        {
            result.WordTimestamps = ToBool(words, WordTimestampsKey);
        }

        if (TryGet(props, NumSpeakersKey, out var num))
        {
            result.NumSpeakers = ToInt(num, NumSpeakersKey);
        }

        if (TryGet(props, MinSpeakersKey, out var min))
        {
            result.MinSpeakers = ToInt(min, MinSpeakersKey);
        }

        if (TryGet(props, MaxSpeakersKey, out var max))
        {
            result.MaxSpeakers = ToInt(max, MaxSpeakersKey);
        }

        return result;
    }

    /// <summary>Live streaming unless <c>AdditionalProperties["live"]</c> is false.</summary>
    private static bool WantsLive(SpeechToTextOptions? options) =>
        options?.AdditionalProperties is not { } props || !TryGet(props, LiveKey, out var live) || ToBool(live, LiveKey);

    private async Task<Transcript> TranscribeAsync(Stream audio, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var fileName = options?.AdditionalProperties is { } props && TryGet(props, FileNameKey, out var name) && name is string s && s.Length > 0 ? s : _defaultFileName;
        var input = AudioInput.FromStream(audio, fileName);
        if (options?.AdditionalProperties is { } extra && TryGet(extra, FormatCheckKey, out var check) && !ToBool(check, FormatCheckKey))
        {
            input = input.WithoutFormatCheck();
        }

        return await _client.TranscribeAsync(input, ToTranscriptionOptions(options), cancellationToken).ConfigureAwait(false);
    }

    private static bool TryGet(AdditionalPropertiesDictionary props, string key, out object? value)
    {
        foreach (var pair in props)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static bool ToBool(object? value, string key) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.True } => true,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.False } => false,
        _ => throw new ArgumentException($"AdditionalProperties[\"{key}\"] must be a boolean (was '{value}').", "options"),
    };

    private static int? ToInt(object? value, string key) => value switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        _ => throw new ArgumentException($"AdditionalProperties[\"{key}\"] must be a whole number (was '{value}').", "options"),
    };
}
