using System.Runtime.CompilerServices;

namespace Pyannote.Sdk.Live;

/// <summary>One frame of mono float audio at 16 kHz, as cut by <see cref="AudioFramer"/>.</summary>
/// <param name="Samples">Exactly the frame size; the last frame is zero-padded.</param>
/// <param name="Index">0 for the first frame.</param>
/// <param name="RealSamples">Samples that came from the source (less than the frame size only for a padded last frame).</param>
internal readonly record struct AudioFrame(float[] Samples, long Index, int RealSamples)
{
    public bool IsPadded => RealSamples < Samples.Length;
}

/// <summary>Cuts mono sample chunks of any size into fixed-size frames; the last partial frame is zero-padded, as the
/// pyannote-audio reference client does.</summary>
internal static class AudioFramer
{
    public static async IAsyncEnumerable<AudioFrame> FrameAsync(IAsyncEnumerable<float[]> chunks, int frameSamples, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frame = new float[frameSamples];
        var filled = 0;
        long index = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var offset = 0;
            while (offset < chunk.Length)
            {
                var take = Math.Min(frameSamples - filled, chunk.Length - offset);
                Array.Copy(chunk, offset, frame, filled, take);
                filled += take;
                offset += take;
                if (filled == frameSamples)
                {
                    yield return new AudioFrame(frame, index++, frameSamples);
                    frame = new float[frameSamples];
                    filled = 0;
                }
            }
        }

        if (filled > 0)
        {
            yield return new AudioFrame(frame, index, filled); // the rest of the array is already zeros
        }
    }
}

/// <summary>
/// Holds a sender to real time on an absolute schedule: audio position <c>p</c> is released no earlier than
/// <c>t0 + p</c>, where <c>t0</c> is when the first frame was released, so rounding never accumulates into drift.
/// Runs on a <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed class RealTimePacer(TimeProvider timeProvider, LivePacing pacing)
{
    private long _start = -1;

    /// <summary>Waits until the audio that starts at <paramref name="position"/> may be sent.</summary>
    public ValueTask WaitAsync(TimeSpan position, CancellationToken cancellationToken)
    {
        if (pacing == LivePacing.None)
        {
            return ValueTask.CompletedTask;
        }

        if (_start < 0)
        {
            _start = timeProvider.GetTimestamp();
            return ValueTask.CompletedTask;
        }

        var due = position - timeProvider.GetElapsedTime(_start);
        return due > TimeSpan.Zero ? new ValueTask(Task.Delay(due, timeProvider, cancellationToken)) : ValueTask.CompletedTask;
    }
}
