namespace Pyannote.Sdk.JigsawStack;

/// <summary>Transcription began (<c>transcript.start</c>; no payload is published, any fields are ignored).</summary>
public sealed record JigsawStackStreamStarted : JigsawStackStreamEvent;
