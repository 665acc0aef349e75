using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>An event of a streamed JigsawStack transcription (<c>stream=true</c>, server-sent events). A stream that
/// ends normally always ends with one <see cref="JigsawStackStreamCompleted"/>.</summary>
public abstract record JigsawStackStreamEvent : LiveEvent;
