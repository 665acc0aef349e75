namespace Pyannote.Sdk.Transcripts;

/// <summary>How <see cref="TranscriptMerger"/> chose a word's speaker (<see cref="TranscriptWord.Attribution"/>).
/// Every value but <see cref="Overlap"/> marks a guess; <see cref="TranscriptWord.AttributionConfidence"/> says how good.</summary>
public enum SpeakerAttribution
{
    /// <summary>The word did not come out of a merge: its speaker, if any, is the vendor's (or the caller's).</summary>
    None = 0,

    /// <summary>The speaker's segments cover the word by more than a tenth of its length beyond any other speaker's.
    /// Confidence: the share of the word that speaker covers minus the largest share another speaker covers.</summary>
    Overlap = 1,

    /// <summary>Several speakers' segments cover the word about equally (within a tenth of its length: overlapped
    /// speech, or a point word inside several segments); the speaker whose segment holds the word's midpoint deepest
    /// (farthest from that segment's ends) was taken. Confidence: below 0.1.</summary>
    OverlappedSpeech = 2,

    /// <summary>No segment overlaps the word; it took the speaker of the nearest segment, which is at most
    /// <see cref="MergeOptions.MaxGapToNearestSegment"/> away. Confidence: 0.5 × (1 − distance / that gap), at most 0.5.</summary>
    NearestSegment = 3,

    /// <summary>The word's own evidence was weak (a guess, or an overlap below 0.5), and it took the speaker of the nearest
    /// confidently attributed word of the same sentence instead (sentences end at <c>. ? !</c> or a pause longer than
    /// <see cref="MergeOptions.MaxPauseInTurn"/>). Confidence: half that word's.</summary>
    Sentence = 4,

    /// <summary>The word went through a merge but got no speaker: no segment is within
    /// <see cref="MergeOptions.MaxGapToNearestSegment"/> and no word of its sentence was confidently attributed (or the
    /// diarization was empty). Confidence: 0.</summary>
    Unattributed = 5,

    /// <summary>No segment is within <see cref="MergeOptions.MaxGapToNearestSegment"/>; the word took the speaker of the
    /// nearest word that has one, with no pause longer than <see cref="MergeOptions.MaxPauseInTurn"/> between them (speech
    /// the diarization missed is most often the neighbouring speaker's). Confidence: a quarter of that word's, at most 0.25.</summary>
    NeighbouringWords = 6,

    /// <summary>The diarization has exactly two speakers, no segment overlaps any word of the word's sentence, and the
    /// segments just before and just after that sentence are the same speaker's; the word took the other speaker (in a
    /// conversation of two, a whole sentence the diarization missed between two turns of one person is most often the
    /// other's reply). Confidence: 0.25.</summary>
    TurnTaking = 7,
}
