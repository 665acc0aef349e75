using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.Together;

/// <summary>An event of a Together AI real-time transcription session (<c>wss …/v1/realtime</c>).</summary>
public abstract record TogetherRealtimeEvent : LiveEvent;
