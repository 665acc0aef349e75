namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A speaker started talking (<c>diarization_speaker_start</c>). Speakers may overlap: each has its own start
/// and end. Labels (<c>SPEAKER_00</c>…) are stable within one session only; at most 8 speakers are tracked at once.</summary>
/// <param name="Speaker">The speaker's label.</param>
/// <param name="Time">Position in the audio, from the start of the stream.</param>
public sealed record PyannoteSpeakerStarted(string Speaker, TimeSpan Time) : PyannoteLiveEvent;
