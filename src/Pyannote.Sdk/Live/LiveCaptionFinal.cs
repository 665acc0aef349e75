using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Live;

/// <summary>Final text of one segment, attributed to the speaker who spoke most of its audio; its times are that
/// speaker's speech within the segment.</summary>
/// <param name="Turn">The segment as a speaker turn (text only: real-time transcription has no word times).</param>
public sealed record LiveCaptionFinal(SpeakerTurn Turn) : LiveCaptionEvent;
