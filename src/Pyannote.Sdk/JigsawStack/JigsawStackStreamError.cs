using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>The service reported a failure (<c>transcript.error</c>). Whether the service ends the stream after it is not
/// documented: the SDK keeps reading, and a stream that then ends without a final result throws
/// <see cref="LiveStreamException"/> with this message.</summary>
/// <param name="Message">The service's message.</param>
public sealed record JigsawStackStreamError(string Message) : JigsawStackStreamEvent;
