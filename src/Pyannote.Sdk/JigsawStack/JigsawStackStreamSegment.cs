namespace Pyannote.Sdk.JigsawStack;

/// <summary>One recognised segment (<c>transcript.segment</c>). The docs name its fields <c>chunk.timestamp</c> and
/// <c>chunk.text</c>; no example is published, so the chunk is read like a batch <c>chunks[]</c> entry and a
/// <c>timestamp</c>/<c>text</c> pair at the top level is accepted too.</summary>
/// <param name="Chunk">The segment, with its times.</param>
public sealed record JigsawStackStreamSegment(JigsawStackChunk Chunk) : JigsawStackStreamEvent;
