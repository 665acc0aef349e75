namespace Pyannote.Sdk.Live;

/// <summary>A service reported a problem that does not end the session (a pyannoteAI <c>error</c> event, a Together
/// <c>error</c> or a failed segment).</summary>
/// <param name="Vendor">The service.</param>
/// <param name="Message">Its message.</param>
public sealed record LiveCaptionIssue(SpeechVendor Vendor, string Message) : LiveCaptionEvent;
