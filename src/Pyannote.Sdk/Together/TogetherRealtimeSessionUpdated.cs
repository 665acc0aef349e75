namespace Pyannote.Sdk.Together;

/// <summary>The service confirmed a voice-activity-detection change (<c>transcription_session.updated</c>).</summary>
/// <param name="TurnDetection">The settings now in force, or <see langword="null"/> when detection is off.</param>
public sealed record TogetherRealtimeSessionUpdated(TogetherTurnDetection? TurnDetection) : TogetherRealtimeEvent;
