namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>
/// A manual clock for tests: timers fire only when <see cref="Advance"/> moves time past them, so polling and backoff
/// tests never sleep. <see cref="AutoAdvance"/> makes every new timer fire at once by jumping the clock to it, which
/// lets a whole wait run synchronously while <see cref="Delays"/> records the schedule.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = new();
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Jump the clock to each new timer's due time as soon as it is created.</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>Every timer due time requested, in order.</summary>
    public List<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).ToList();
            foreach (var t in due)
            {
                _timers.Remove(t);
            }
        }

        foreach (var t in due)
        {
            t.Fire();
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            Delays.Add(dueTime);
            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
        }

        if (AutoAdvance || dueTime <= TimeSpan.Zero)
        {
            Advance(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
