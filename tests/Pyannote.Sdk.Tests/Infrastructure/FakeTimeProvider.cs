namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>
/// <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> (timers fire only when <c>Advance</c> moves time past
/// them, so polling and backoff tests never sleep) plus the two things these tests need on top: <see cref="Delays"/>
/// records every timer due time requested, in order, and <see cref="AutoAdvance"/> jumps the clock to each new timer's
/// due time as soon as it is set, which lets a whole wait run synchronously while <see cref="Delays"/> records the schedule.
/// </summary>
public sealed class FakeTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _delays = new();

    public FakeTimeProvider(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Jump the clock to each new timer's due time as soon as it is set.</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>Every timer due time requested, in order (a snapshot).</summary>
    public List<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return new List<TimeSpan>(_delays);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(this, base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    private void Scheduled(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_gate)
        {
            _delays.Add(dueTime);
        }

        if (AutoAdvance && dueTime > TimeSpan.Zero)
        {
            Advance(dueTime);
        }
    }

    private sealed class RecordingTimer(FakeTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Scheduled(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
