using Microsoft.Extensions.AI;

namespace Pyannote.Sdk.Extensions.AI;

/// <summary>Exposes any Pyannote.Sdk vendor client as a Microsoft.Extensions.AI <see cref="ISpeechToTextClient"/>.</summary>
public static class SpeechClientExtensions
{
    /// <summary>
    /// Wraps a vendor client (<c>PyannoteClient</c>, <c>TogetherClient</c>, <c>JigsawStackClient</c>,
    /// <c>NanoGptClient</c>, or any <see cref="ISpeechClient"/>) as an <see cref="ISpeechToTextClient"/>.
    /// <see cref="ISpeechToTextClient.GetTextAsync"/> returns the transcript's text with the
    /// <see cref="Transcripts.Transcript"/> as <see cref="SpeechToTextResponse.RawRepresentation"/>;
    /// <see cref="ISpeechToTextClient.GetStreamingTextAsync"/> streams for real on a live-capable client given WAV audio
    /// (Together AI real time: <c>SessionOpen</c>, <c>TextUpdating</c> with the running text, <c>TextUpdated</c> per
    /// segment, <c>SessionClose</c>; paced at real time; no speakers, which real time does not give — see the
    /// <see cref="Live.LiveTranscriber"/> overload), and otherwise yields one update per speaker turn of the finished
    /// transcript. Set <c>AdditionalProperties["live"] = false</c> to always get the finished transcript.
    /// The stream is checked like <see cref="AudioInput.FromStream"/> input before anything is sent (not empty, a
    /// recognised audio container); <c>formatCheck</c> = <see langword="false"/> in
    /// <see cref="SpeechToTextOptions.AdditionalProperties"/> sends it unchecked (<see cref="AudioInput.WithoutFormatCheck"/>).
    /// </summary>
    /// <param name="client">The vendor client; it is not disposed by the adapter.</param>
    /// <param name="defaultFileName">The file name sent with the audio stream when the options do not give one
    /// (<c>fileName</c> in <see cref="SpeechToTextOptions.AdditionalProperties"/>); its extension tells the vendor the format.</param>
    /// <returns>The adapter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="defaultFileName"/> is empty.</exception>
    public static ISpeechToTextClient AsISpeechToTextClient(this ISpeechClient client, string defaultFileName = "audio.wav")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultFileName);
        return new SpeechToTextClientAdapter(client, defaultFileName);
    }

    /// <summary>
    /// Wraps live speaker-attributed captions as an <see cref="ISpeechToTextClient"/>. The audio stream must be WAV (a
    /// file or a live stream with a RIFF header). <see cref="ISpeechToTextClient.GetStreamingTextAsync"/> streams:
    /// <c>SessionOpen</c>, <c>TextUpdating</c> (provisional text of the current segment), <c>TextUpdated</c> (final text
    /// with its start and end), <c>Error</c> (a non-fatal service error), <c>SessionClose</c> (the
    /// <see cref="Transcripts.Transcript"/> as its raw representation); text updates carry the speaker in
    /// <c>AdditionalProperties["speaker"]</c>. <see cref="ISpeechToTextClient.GetTextAsync"/> returns the whole text.
    /// </summary>
    /// <param name="transcriber">The transcriber (its options set pacing and models).</param>
    /// <returns>The adapter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcriber"/> is null.</exception>
    public static ISpeechToTextClient AsISpeechToTextClient(this Live.LiveTranscriber transcriber)
    {
        ArgumentNullException.ThrowIfNull(transcriber);
        return new LiveTranscriberSpeechToTextClient(transcriber);
    }
}
