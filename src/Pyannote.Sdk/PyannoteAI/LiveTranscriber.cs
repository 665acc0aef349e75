using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Live;

/// <summary>
/// Live speaker-attributed captions, which no vendor offers alone: one audio stream is read once and fanned out to
/// pyannoteAI live diarization (who speaks, when) and Together AI real-time transcription (what is said). Together runs
/// with its voice-activity detection off and the SDK commits its audio buffer exactly where pyannoteAI reports a speaker
/// change, so every completed segment belongs to one speaker's turn.
/// </summary>
/// <remarks>
/// To commit at the right place the text side trails the diarization: audio reaches Together
/// <see cref="LiveTranscriberOptions.TextLag"/> after it reached pyannoteAI (paced), so a speaker change reported within
/// that delay is committed at its exact audio position; a later report commits at once (the segment then runs slightly
/// past the change, and is attributed to the speaker who spoke most of it). Without pacing (recorded audio against the
/// emulator, tests, benchmarks) the text side waits for the diarization of up to
/// <see cref="LiveTranscriberOptions.MaxHeldAudio"/> of audio, so commits are exact however fast the audio goes.
/// The audio held for Together is bounded (the lag plus 10 s): when Together falls behind, reading the source waits.
/// Cancellation closes both sockets at once; a failure of either session ends the stream with that session's exception
/// (<see cref="LiveStreamException"/> carries what it received) and closes the other.
/// </remarks>
public sealed class LiveTranscriber
{
    private readonly PyannoteClient _diarization;
    private readonly TogetherClient _transcription;
    private readonly LiveTranscriberOptions _options;

    /// <summary>Creates a transcriber over two clients.</summary>
    /// <param name="diarization">The pyannoteAI client (live diarization must be enabled for the team).</param>
    /// <param name="transcription">The Together AI client.</param>
    /// <param name="options">Pacing, lag and per-vendor settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">A client is null.</exception>
    /// <exception cref="ArgumentException">An option breaks a rule.</exception>
    public LiveTranscriber(PyannoteClient diarization, TogetherClient transcription, LiveTranscriberOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(diarization);
        ArgumentNullException.ThrowIfNull(transcription);
        _diarization = diarization;
        _transcription = transcription;
        _options = options ?? new LiveTranscriberOptions();
        _options.Validate(nameof(options));
    }

    /// <summary>
    /// Streams <paramref name="audio"/> to both services and yields captions as they firm up: who speaks now
    /// (<see cref="LiveSpeakerChanged"/>), the provisional text of the segment being spoken
    /// (<see cref="LiveCaptionProvisional"/>, each replacing the last), final text attributed to a speaker
    /// (<see cref="LiveCaptionFinal"/>), non-fatal service errors (<see cref="LiveCaptionIssue"/>), and last the whole
    /// result as a <see cref="Transcript"/> (<see cref="LiveCaptionsCompleted"/>), the same model as batch.
    /// </summary>
    /// <param name="audio">The audio, read once; converted to 16 kHz mono for both services.</param>
    /// <param name="cancellationToken">Ends both sessions: their sockets are closed within about 100 ms.</param>
    /// <returns>The caption events.</returns>
    /// <exception cref="SpeechApiException">A session could not be created or a handshake was refused; nothing was sent.</exception>
    /// <exception cref="LiveStreamException">A session dropped or was closed abnormally; carries what it received.</exception>
    public async IAsyncEnumerable<LiveCaptionEvent> TranscribeAsync(LiveAudioSource audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var run = await LiveCaptionRun.OpenAsync(_diarization, _transcription, _options, cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            run.Start(audio);
            var reader = run.Output;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return e;
                }
            }
        }
    }
}

/// <summary>
/// One captions session: the audio pump (reads, paces, sends 100 ms frames to pyannoteAI and holds them for Together),
/// the diarization reader (speaker changes become commit points), the text sender (releases held audio to Together,
/// split and committed at the commit points) and the text reader (attributes each completed segment to the speaker who
/// spoke most of it). Any failure cancels the rest and ends the output with that failure.
/// </summary>
internal sealed class LiveCaptionRun : IAsyncDisposable
{
    private const int SampleRate = PyannoteLiveConnection.SampleRate;
    private readonly PyannoteLiveConnection _pyannote;
    private readonly TogetherRealtimeConnection _together;
    private readonly LiveTranscriberOptions _options;
    private readonly Channel<LiveCaptionEvent> _output;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _drained = new(0);
    private readonly object _gate = new();

    // Guarded by _gate.
    private readonly Queue<(float[] Samples, int Count, long Start)> _held = new();
    private readonly List<long> _commitPoints = new();
    private readonly Queue<long> _commits = new();
    private readonly List<Turn> _turns = new();
    private readonly List<SpeakerTurn> _finals = new();
    private long _sentToPyannote;
    private long _sentToTogether;
    private long _lastCommit;
    private long _lastCommitPoint;
    private bool _pumpDone;
    private bool _diarizationDone;
    private string? _current;
    private string? _lastSpeaker;

    private readonly long _lagSamples;
    private readonly long _holdLimit;
    private Exception? _failure;
    private Task? _run;
    private int _finished;

    private LiveCaptionRun(PyannoteLiveConnection pyannote, TogetherRealtimeConnection together, LiveTranscriberOptions options)
    {
        // The held audio never exceeds the lag plus 10 s: 4 MB of floats for the 1 s default, 35 MB for 2 minutes.
        _lagSamples = (long)((options.Pacing == LivePacing.None ? options.MaxHeldAudio : options.TextLag).TotalSeconds * SampleRate);
        _holdLimit = _lagSamples + (10 * SampleRate);
        _pyannote = pyannote;
        _together = together;
        _options = options;
        _output = Channel.CreateBounded<LiveCaptionEvent>(new BoundedChannelOptions(options.EventBufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<LiveCaptionEvent> Output => _output.Reader;

    /// <summary>Opens both sessions at once; if either fails, the other is closed and nothing is sent.</summary>
    public static async Task<LiveCaptionRun> OpenAsync(PyannoteClient diarization, TogetherClient transcription, LiveTranscriberOptions options, CancellationToken cancellationToken)
    {
        var pyannoteOptions = options.DiarizationOptions();
        var togetherOptions = options.TranscriptionOptions();
        var pyannoteTask = OpenPyannoteAsync(diarization, pyannoteOptions, cancellationToken);
        var togetherTask = transcription.OpenRealtimeAsync(togetherOptions, cancellationToken);
        try
        {
            await Task.WhenAll(pyannoteTask, togetherTask).ConfigureAwait(false);
        }
        catch
        {
            if (pyannoteTask.IsCompletedSuccessfully)
            {
                await pyannoteTask.Result.AbortAsync(null).ConfigureAwait(false);
                await pyannoteTask.Result.DisposeAsync().ConfigureAwait(false);
            }

            if (togetherTask.IsCompletedSuccessfully)
            {
                await togetherTask.Result.Connection.AbortAsync().ConfigureAwait(false);
                await togetherTask.Result.Connection.DisposeAsync().ConfigureAwait(false);
            }

            // Prefer the service's own refusal over a cancellation caused by it.
            throw pyannoteTask.Exception?.InnerException ?? togetherTask.Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
        }

        return new LiveCaptionRun(pyannoteTask.Result, togetherTask.Result.Connection, options);
    }

    private static async Task<PyannoteLiveConnection> OpenPyannoteAsync(PyannoteClient client, PyannoteLiveOptions options, CancellationToken cancellationToken)
    {
        var session = await client.CreateLiveSessionAsync(cancellationToken).ConfigureAwait(false);
        return await PyannoteLiveConnection.OpenAsync(session, options, cancellationToken).ConfigureAwait(false);
    }

    public void Start(LiveAudioSource audio) => _run = RunAsync(audio);

    private async Task RunAsync(LiveAudioSource audio)
    {
        var token = _stop.Token;
        await Task.WhenAll(
            Guard(() => PumpAsync(audio, token)),
            Guard(() => ReadDiarizationAsync(token)),
            Guard(() => SendTextAsync(token)),
            Guard(() => ReadTextAsync(token))).ConfigureAwait(false);
        if (_failure is not null || _stop.IsCancellationRequested)
        {
            _output.Writer.TryComplete(_failure);
            return;
        }

        SpeakerTurn[] finals;
        lock (_gate)
        {
            finals = _finals.ToArray();
        }

        var transcript = new Transcript(Array.Empty<TranscriptWord>(), finals)
        {
            Duration = TimeSpan.FromSeconds(_sentToPyannote / (double)SampleRate),
            Model = _options.Model,
        };
        try
        {
            await _output.Writer.WriteAsync(new LiveCaptionsCompleted(transcript), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading before the end.
        }

        _output.Writer.TryComplete();
    }

    private async Task Guard(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            if (Interlocked.CompareExchange(ref _failure, e, null) is null)
            {
                await _stop.CancelAsync().ConfigureAwait(false);
                _wake.Release();
                _drained.Release();
                await _pyannote.AbortAsync(null).ConfigureAwait(false);
                await _together.AbortAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Another part failed or the caller stopped; the failure (if any) is reported once.
        }
    }

    private void Wake() => _wake.Release();

    /// <summary>Reads the source once, paced, sends each 100 ms frame to pyannoteAI and holds it for Together.</summary>
    private async Task PumpAsync(LiveAudioSource audio, CancellationToken cancellationToken)
    {
        var pacer = new RealTimePacer(_options.TimeProvider, _options.Pacing);
        var frames = AudioFramer.FrameAsync(audio.ReadMonoAsync(SampleRate, cancellationToken), PyannoteLiveConnection.FrameSamples, cancellationToken);
        await foreach (var frame in frames.ConfigureAwait(false))
        {
            await pacer.WaitAsync(PyannoteLiveConnection.FrameDuration * frame.Index, cancellationToken).ConfigureAwait(false);
            await _pyannote.SendFrameAsync(frame.Samples, cancellationToken).ConfigureAwait(false);
            long held;
            lock (_gate)
            {
                _held.Enqueue((frame.Samples, frame.RealSamples, frame.Index * PyannoteLiveConnection.FrameSamples));
                _sentToPyannote = (frame.Index * PyannoteLiveConnection.FrameSamples) + frame.RealSamples;
                held = _sentToPyannote - _sentToTogether;
            }

            Wake();

            // Back-pressure: when Together falls behind, the source waits instead of piling audio up in memory.
            while (held > _holdLimit)
            {
                await _drained.WaitAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    held = _sentToPyannote - _sentToTogether;
                }
            }
        }

        await _pyannote.SendEndOfStreamAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _pumpDone = true;
        }

        Wake();
    }

    /// <summary>Speaker events: a start of another speaker than the last one is a commit point.</summary>
    private async Task ReadDiarizationAsync(CancellationToken cancellationToken)
    {
        var reader = _pyannote.Events;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                LiveCaptionEvent? update = null;
                lock (_gate)
                {
                    switch (e)
                    {
                        case PyannoteSpeakerStarted start:
                            {
                                var at = Samples(start.Time);
                                _turns.Add(new Turn(start.Speaker, at));
                                if (_lastSpeaker is not null && _lastSpeaker != start.Speaker && at > _lastCommitPoint)
                                {
                                    _commitPoints.Add(at);
                                    _lastCommitPoint = at;
                                }

                                _lastSpeaker = start.Speaker;
                                if (_current != start.Speaker)
                                {
                                    _current = start.Speaker;
                                    update = new LiveSpeakerChanged(start.Speaker, start.Time);
                                }

                                break;
                            }

                        case PyannoteSpeakerEnded end:
                            {
                                var at = Samples(end.Time);
                                var open = _turns.FindLast(t => t.Speaker == end.Speaker && t.End is null);
                                if (open is not null)
                                {
                                    open.End = Math.Max(at, open.Start);
                                }

                                if (_current == end.Speaker)
                                {
                                    _current = _turns.FindLast(t => t.End is null)?.Speaker;
                                    update = new LiveSpeakerChanged(_current, end.Time);
                                }

                                break;
                            }

                        case PyannoteLiveError error:
                            update = new LiveCaptionIssue(SpeechVendor.Pyannote, error.Message);
                            break;
                    }
                }

                Wake();
                if (update is not null)
                {
                    await _output.Writer.WriteAsync(update, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await _pyannote.FinishAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _diarizationDone = true;
        }

        Wake();
    }

    /// <summary>Releases held audio to Together once the diarization has had its chance to report a change in it,
    /// committing exactly at each change.</summary>
    private async Task SendTextAsync(CancellationToken cancellationToken)
    {
        var lagSamples = _lagSamples;
        while (true)
        {
            await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                (float[] Samples, int Count, long Start) frame;
                bool finished;
                lock (_gate)
                {
                    var gate = _diarizationDone ? long.MaxValue : _sentToPyannote - lagSamples;
                    finished = _pumpDone && _diarizationDone && _held.Count == 0;
                    if (finished || _held.Count == 0 || _held.Peek().Start + _held.Peek().Count > gate)
                    {
                        frame = default;
                    }
                    else
                    {
                        frame = _held.Dequeue();
                    }
                }

                if (finished)
                {
                    await FinishTextAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (frame.Samples is null)
                {
                    break;
                }

                await SendHeldFrameAsync(frame.Samples, frame.Count, frame.Start, cancellationToken).ConfigureAwait(false);
                if (_drained.CurrentCount == 0)
                {
                    _drained.Release();
                }
            }
        }
    }

    private async Task SendHeldFrameAsync(float[] samples, int count, long start, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < count)
        {
            long? commitAt;
            lock (_gate)
            {
                // Commit points already passed (reported late) are committed at once.
                commitAt = _commitPoints.Count > 0 && _commitPoints[0] <= start + count ? _commitPoints[0] : null;
                if (commitAt is not null)
                {
                    _commitPoints.RemoveAt(0);
                }
            }

            var until = commitAt is { } c ? (int)Math.Clamp(c - start, offset, count) : count;
            if (until > offset)
            {
                await _together.SendAudioAsync(samples.AsMemory(offset, until - offset), cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _sentToTogether = start + until;
                }

                offset = until;
            }

            if (commitAt is not null)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_sentToTogether <= _lastCommit)
            {
                return; // nothing new since the last commit
            }

            _commits.Enqueue(_sentToTogether);
            _lastCommit = _sentToTogether;
        }

        await _together.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last segment: commit what is left, wait for every completion, close.</summary>
    private async Task FinishTextAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // FinishAsync commits once more; its segment ends where the audio did.
            _commits.Enqueue(_sentToTogether);
            _lastCommit = _sentToTogether;
        }

        await _together.FinishAsync(_options.FinalResultTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deltas become provisional captions; each completion, final text of the speaker who spoke most of its audio.</summary>
    private async Task ReadTextAsync(CancellationToken cancellationToken)
    {
        var reader = _together.Events;
        long segmentStart = 0;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                LiveCaptionEvent? update = null;
                switch (e)
                {
                    case TogetherTranscriptionDelta delta:
                        lock (_gate)
                        {
                            var (speaker, _, _) = Attribute(segmentStart, Math.Max(_sentToTogether, segmentStart));
                            update = new LiveCaptionProvisional(speaker ?? _current, Time(segmentStart), delta.Text);
                        }

                        break;
                    case TogetherTranscriptionCompleted or TogetherRealtimeError { IsTranscriptionFailure: true }:
                        lock (_gate)
                        {
                            var end = _commits.Count > 0 ? _commits.Dequeue() : _sentToTogether;
                            var text = (e as TogetherTranscriptionCompleted)?.Text.Trim() ?? string.Empty;
                            if (text.Length > 0)
                            {
                                var (speaker, from, to) = Attribute(segmentStart, end);
                                var turn = new SpeakerTurn(speaker, Time(from), Time(to), text);
                                _finals.Add(turn);
                                update = new LiveCaptionFinal(turn);
                            }
                            else if (e is TogetherRealtimeError failed)
                            {
                                update = new LiveCaptionIssue(SpeechVendor.Together, failed.Message);
                            }

                            segmentStart = end;
                        }

                        break;
                    case TogetherRealtimeError error:
                        update = new LiveCaptionIssue(SpeechVendor.Together, error.Message);
                        break;
                }

                if (update is not null)
                {
                    await _output.Writer.WriteAsync(update, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The speaker with the most speech in [from, to) and that speech's extent; the whole range and no
    /// speaker when nobody spoke in it. Caller holds <see cref="_gate"/>.</summary>
    private (string? Speaker, long From, long To) Attribute(long from, long to)
    {
        string? best = null;
        long bestOverlap = 0;
        foreach (var speaker in _turns.Select(t => t.Speaker).Distinct())
        {
            long overlap = 0;
            foreach (var t in _turns)
            {
                if (t.Speaker == speaker)
                {
                    overlap += Math.Max(0, Math.Min(to, t.End ?? to) - Math.Max(from, t.Start));
                }
            }

            if (overlap > bestOverlap)
            {
                best = speaker;
                bestOverlap = overlap;
            }
        }

        if (best is null)
        {
            return (null, from, Math.Max(from, to));
        }

        long start = long.MaxValue, end = long.MinValue;
        foreach (var t in _turns)
        {
            if (t.Speaker == best && Math.Min(to, t.End ?? to) > Math.Max(from, t.Start))
            {
                start = Math.Min(start, Math.Max(from, t.Start));
                end = Math.Max(end, Math.Min(to, t.End ?? to));
            }
        }

        return (best, start, end);
    }

    private static long Samples(TimeSpan time) => (long)Math.Round(time.TotalSeconds * SampleRate);

    private static TimeSpan Time(long samples) => TimeSpan.FromSeconds(samples / (double)SampleRate);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        var completed = _run is { IsCompleted: true } && _failure is null;
        if (!completed)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _wake.Release();
            _drained.Release();
            // Both sockets close at once: a close frame if it goes out within 100 ms, then abort.
            await Task.WhenAll(_pyannote.AbortAsync(null), _together.AbortAsync()).ConfigureAwait(false);
        }

        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }

        await _pyannote.DisposeAsync().ConfigureAwait(false);
        await _together.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _wake.Dispose();
        _drained.Dispose();
    }

    private sealed class Turn(string speaker, long start)
    {
        public string Speaker { get; } = speaker;

        public long Start { get; } = start;

        public long? End { get; set; }
    }
}
