namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A speaker stopped talking (<c>diarization_speaker_end</c>).</summary>
/// <param name="Speaker">The speaker's label.</param>
/// <param name="Time">Position in the audio, from the start of the stream.</param>
/// <param name="StartTime">When this speaker's turn started, or <see langword="null"/> when no start was received for
/// it: such unmatched ends have been observed (unconfirmed by the vendor) and are passed on rather than dropped.</param>
public sealed record PyannoteSpeakerEnded(string Speaker, TimeSpan Time, TimeSpan? StartTime) : PyannoteLiveEvent;
