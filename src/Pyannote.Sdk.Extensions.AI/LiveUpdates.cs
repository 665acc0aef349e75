using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Extensions.AI;

/// <summary>
/// Turns live sessions into Microsoft.Extensions.AI updates: <see cref="SpeechToTextResponseUpdateKind.SessionOpen"/>
/// when the session is up, <see cref="SpeechToTextResponseUpdateKind.TextUpdating"/> for provisional text,
/// <see cref="SpeechToTextResponseUpdateKind.TextUpdated"/> for final text (with the speaker in
/// <c>AdditionalProperties["speaker"]</c> when known), <see cref="SpeechToTextResponseUpdateKind.Error"/> for non-fatal
/// service errors and <see cref="SpeechToTextResponseUpdateKind.SessionClose"/> at the end (the final
/// <see cref="Transcript"/>, when there is one, as its raw representation).
/// </summary>
internal static partial class LiveUpdates
{
    internal const string SpeakerKey = SpeechToTextClientAdapter.SpeakerKey;

    /// <summary>Whether the stream starts with a RIFF/WAVE header (peeked; the position is restored). Only seekable
    /// streams are peeked: a live (non-seekable) stream is taken as WAV when the caller said so.</summary>
    public static bool LooksLikeWav(Stream audio)
    {
        if (!audio.CanSeek)
        {
            return false;
        }

        var position = audio.Position;
        Span<byte> header = stackalloc byte[12];
        var read = 0;
        while (read < header.Length && audio.Read(header[read..]) is var n and > 0)
        {
            read += n;
        }

        audio.Position = position;
        return read == 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8);
    }

    public static async IAsyncEnumerable<SpeechToTextResponseUpdate> FromCaptionsAsync(LiveTranscriber transcriber, LiveAudioSource audio, string? model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = false;
        await foreach (var e in transcriber.TranscribeAsync(audio, cancellationToken).ConfigureAwait(false))
        {
            if (!opened)
            {
                opened = true;
                yield return Update(SpeechToTextResponseUpdateKind.SessionOpen, string.Empty, model, null);
            }

            switch (e)
            {
                case LiveCaptionProvisional provisional:
                    yield return Update(SpeechToTextResponseUpdateKind.TextUpdating, provisional.Text, model, provisional, provisional.Speaker, provisional.Start);
                    break;
                case LiveCaptionFinal final:
                    yield return Update(SpeechToTextResponseUpdateKind.TextUpdated, final.Turn.Text, model, final.Turn, final.Turn.Speaker, final.Turn.Start, final.Turn.End);
                    break;
                case LiveCaptionIssue issue:
                    yield return Update(SpeechToTextResponseUpdateKind.Error, issue.Message, model, issue);
                    break;
                case LiveCaptionsCompleted completed:
                    yield return Update(SpeechToTextResponseUpdateKind.SessionClose, string.Empty, model, completed.Transcript, end: completed.Transcript.Duration);
                    break;
            }
        }
    }

    internal static SpeechToTextResponseUpdate Update(SpeechToTextResponseUpdateKind kind, string text, string? model, object? raw, string? speaker = null, TimeSpan? start = null, TimeSpan? end = null)
    {
        var update = new SpeechToTextResponseUpdate(text)
        {
            Kind = kind,
            ModelId = model,
            RawRepresentation = raw,
            StartTime = start,
            EndTime = end,
        };
        if (speaker is not null)
        {
            (update.AdditionalProperties ??= new AdditionalPropertiesDictionary())[SpeakerKey] = speaker;
        }

        return update;
    }
}
