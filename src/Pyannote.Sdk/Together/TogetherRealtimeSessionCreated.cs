namespace Pyannote.Sdk.Together;

/// <summary>The session is open (<c>session.created</c>); the SDK sends no audio before it.</summary>
/// <param name="SessionId">The service's session id, if it sent one.</param>
/// <param name="Model">The model serving the session, if given.</param>
public sealed record TogetherRealtimeSessionCreated(string? SessionId, string? Model) : TogetherRealtimeEvent;
