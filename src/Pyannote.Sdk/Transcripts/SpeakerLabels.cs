using System.Globalization;

namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// One speaker-label scheme for every vendor: <c>SPEAKER_00</c>, <c>SPEAKER_01</c>, … in order of first appearance
/// (<see cref="Transcript.Speakers"/> order), the vendor's labels kept in <see cref="Transcript.VendorSpeakerLabels"/>.
/// Applied by every client's <see cref="ISpeechClient.TranscribeAsync"/> unless
/// <see cref="TranscriptionOptions.NormalizeSpeakerLabels"/> is off.
/// </summary>
internal static class SpeakerLabels
{
    /// <summary>The label of the <paramref name="index"/>-th speaker to appear (zero-based).</summary>
    public static string Label(int index) => "SPEAKER_" + index.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Applies <see cref="TranscriptionOptions.NormalizeSpeakerLabels"/> to a vendor transcript.</summary>
    public static Transcript Apply(Transcript transcript, TranscriptionOptions options) =>
        options.NormalizeSpeakerLabels ? Normalize(transcript) : transcript;

    /// <summary>Relabels the speakers of <paramref name="transcript"/>; words, turns, times and metadata are unchanged.</summary>
    public static Transcript Normalize(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var speakers = transcript.Speakers;
        if (speakers.Count == 0)
        {
            return transcript;
        }

        var toNew = new Dictionary<string, string>(speakers.Count, StringComparer.Ordinal);
        var toVendor = new Dictionary<string, string>(speakers.Count, StringComparer.Ordinal);
        var labels = new string[speakers.Count];
        for (var i = 0; i < speakers.Count; i++)
        {
            labels[i] = Label(i);
            toNew[speakers[i]] = labels[i];
            toVendor[labels[i]] = speakers[i];
        }

        // Words are shared between Words and each turn's Words: relabel each once and keep the sharing.
        var words = transcript.Words;
        var renamed = new TranscriptWord[words.Count];
        var byOriginal = new Dictionary<TranscriptWord, TranscriptWord>(words.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            renamed[i] = w.Speaker is { } s ? w.WithSpeaker(toNew[s]) : w;
            byOriginal[w] = renamed[i];
        }

        var turns = new SpeakerTurn[transcript.Turns.Count];
        for (var i = 0; i < turns.Length; i++)
        {
            var t = transcript.Turns[i];
            var turnWords = new TranscriptWord[t.Words.Count];
            for (var j = 0; j < turnWords.Length; j++)
            {
                var w = t.Words[j];
                turnWords[j] = byOriginal.TryGetValue(w, out var r) ? r : w.Speaker is { } s ? w.WithSpeaker(toNew[s]) : w;
            }

            var speaker = t.Speaker is { } ts ? toNew[ts] : null;
            turns[i] = new SpeakerTurn(speaker, t.Start, t.End, t.Text, turnWords);
        }

        return transcript.With(renamed, turns, labels, toVendor);
    }
}
