namespace Pyannote.Sdk.Live;

/// <summary>Base of every event a live session yields (pyannoteAI speaker events, Together AI transcription events,
/// JigsawStack streamed results, live captions). Match on the derived types.</summary>
public abstract record LiveEvent;
