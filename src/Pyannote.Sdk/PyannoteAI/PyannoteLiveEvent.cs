using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>An event of a pyannoteAI live diarization session.</summary>
public abstract record PyannoteLiveEvent : LiveEvent;
