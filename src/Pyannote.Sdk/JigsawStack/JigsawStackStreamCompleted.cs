namespace Pyannote.Sdk.JigsawStack;

/// <summary>The last event of a streamed transcription: the structured result. It is the service's
/// <c>transcript.final</c> (<see cref="IsAssembled"/> false) or, when the stream ended cleanly without one (after
/// <c>transcript.done</c> or the SDK-only <c>[DONE]</c> sentinel), the SDK's assembly of the segments received
/// (<see cref="IsAssembled"/> true).</summary>
/// <param name="Transcription">The result; <see cref="JigsawStackTranscription.ToTranscript"/> gives the common model.</param>
/// <param name="IsAssembled">Whether the SDK assembled the result from segments because no <c>transcript.final</c> came.</param>
public sealed record JigsawStackStreamCompleted(JigsawStackTranscription Transcription, bool IsAssembled) : JigsawStackStreamEvent;
