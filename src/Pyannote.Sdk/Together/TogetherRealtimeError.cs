namespace Pyannote.Sdk.Together;

/// <summary>The service reported an error: a <c>…transcription.failed</c> frame (<see cref="IsTranscriptionFailure"/>)
/// or an <c>error</c> frame, whose shape is not published (both <c>error.message</c> and a top-level <c>message</c> are
/// read). Errors that make the session unusable (a bad or missing key, an unknown model) end the stream with
/// <see cref="SpeechApiException"/> instead.</summary>
/// <param name="Message">The service's message.</param>
/// <param name="Code">The machine-readable code, if any (for example <c>invalid_api_key</c>).</param>
/// <param name="Type">The error type, if any (for example <c>invalid_request_error</c>).</param>
/// <param name="Param">The parameter at fault, if any.</param>
/// <param name="IsTranscriptionFailure">Whether it came as a <c>…transcription.failed</c> frame.</param>
public sealed record TogetherRealtimeError(string Message, string? Code, string? Type, string? Param, bool IsTranscriptionFailure) : TogetherRealtimeEvent;
