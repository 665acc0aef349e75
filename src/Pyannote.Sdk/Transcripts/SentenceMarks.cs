using System.Buffers;

namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// Where the sentence rule of <see cref="TranscriptMerger"/> has work, noted while the words are read and swept so that
/// smoothing never reads every word again: where each sentence ends, which words are weak (not confidently attributed)
/// and where the speaker changes, each in time order. Arrays are rented from <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class SentenceMarks
{
    private static readonly int[] None = [];

    private int[] _sentenceEnds = None;
    private int[] _weak = None;
    private int[] _changes = None;
    private int _sentenceCount;
    private int _weakCount;
    private int _changeCount;

    /// <summary>The (exclusive) end index of each sentence, in order.</summary>
    public int[] SentenceEnds => _sentenceEnds;

    public int SentenceCount => _sentenceCount;

    /// <summary>The indices of the weak words (<see cref="TranscriptMerger.IsConfident"/> false), in order.</summary>
    public int[] Weak => _weak;

    public int WeakCount => _weakCount;

    /// <summary>Moves <paramref name="cursor"/> (an index into <see cref="Weak"/>) past the weak words before word
    /// <paramref name="end"/>, and returns how many it passed: read sentence by sentence, the weak words of each.</summary>
    public int SkipWeakBefore(int end, ref int cursor)
    {
        var from = cursor;
        while (cursor < _weakCount && _weak[cursor] < end)
        {
            cursor++;
        }

        return cursor - from;
    }

    /// <summary>The indices of the words whose speaker (or lack of one) differs from the word's before, in order.</summary>
    public int[] Changes => _changes;

    public int ChangeCount => _changeCount;

    public void Rent(int wordCount)
    {
        _sentenceEnds = ArrayPool<int>.Shared.Rent(wordCount);
        _weak = ArrayPool<int>.Shared.Rent(wordCount);
        _changes = ArrayPool<int>.Shared.Rent(wordCount);
        StartSentences();
    }

    public void Return()
    {
        ArrayPool<int>.Shared.Return(_sentenceEnds);
        ArrayPool<int>.Shared.Return(_weak);
        ArrayPool<int>.Shared.Return(_changes);
        _sentenceEnds = _weak = _changes = None;
    }

    /// <summary>Forgets the sentences cut so far (the words are about to be read again, in another order).</summary>
    public void StartSentences() => _sentenceCount = 0;

    /// <summary>Ends a sentence before word <paramref name="i"/> (sentences are cut in order).</summary>
    public void AddSentenceEnd(int i) => _sentenceEnds[_sentenceCount++] = i;

    /// <summary>Ends the last sentence after the last of <paramref name="wordCount"/> words.</summary>
    public void EndSentences(int wordCount)
    {
        if (wordCount > 0)
        {
            _sentenceEnds[_sentenceCount++] = wordCount;
        }
    }

    /// <summary>Notes word <paramref name="i"/> once its speaker is settled by the sweeps (called in word order).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Observe(MergeWord[] words, int i)
    {
        ref readonly var word = ref words[i];
        if (!TranscriptMerger.IsConfident(word.Reason, word.Confidence))
        {
            _weak[_weakCount++] = i;
        }

        if (i > 0 && word.Speaker != words[i - 1].Speaker)
        {
            _changes[_changeCount++] = i;
        }
    }
}
