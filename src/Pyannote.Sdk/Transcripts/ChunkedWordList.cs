namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// A fixed-size, read-only (once filled) list of words stored in chunks of 8,192 references (64 KB), so a long
/// transcript never allocates on the large object heap, whose allocations trigger full (generation 2) collections.
/// </summary>
internal sealed class ChunkedWordList : IReadOnlyList<TranscriptWord>
{
    private const int ChunkShift = 13;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;
    private readonly TranscriptWord[][] _chunks;

    public ChunkedWordList(int count)
    {
        Count = count;
        _chunks = new TranscriptWord[(count + ChunkMask) >> ChunkShift][];
        for (var i = 0; i < _chunks.Length; i++)
        {
            _chunks[i] = new TranscriptWord[Math.Min(ChunkSize, count - (i << ChunkShift))];
        }
    }

    public int Count { get; }

    public TranscriptWord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {Count}).");
            }

            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    /// <summary>Fills a slot while the list is being built; never called once it is handed out.</summary>
    public void Set(int index, TranscriptWord word) => _chunks[index >> ChunkShift][index & ChunkMask] = word;

    public IEnumerator<TranscriptWord> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var word in chunk)
            {
                yield return word;
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
