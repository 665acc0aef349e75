namespace Pyannote.Sdk.Transcripts;

/// <summary>Builds <see cref="Transcript"/>s by merging any vendor's words with any vendor's diarization.</summary>
public static partial class TranscriptMerger
{
}
