using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Live;

/// <summary>The last event: the whole result in the same model as batch transcription. Its turns are the final
/// captions in time order; it has no words, because real-time transcription gives none with times.</summary>
/// <param name="Transcript">The result.</param>
public sealed record LiveCaptionsCompleted(Transcript Transcript) : LiveCaptionEvent;
