using System.Diagnostics;

namespace Pyannote.Sdk.Benchmarks.Harness;

/// <summary>Samples the process working set every 10 ms on a dedicated thread and reads the kernel's peak RSS
/// (<c>VmHWM</c> in <c>/proc/self/status</c>) so a measurement reports both a sampled peak and the exact high-water mark.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public MemorySampler()
    {
        Baseline = CurrentWorkingSet();
        BaselineHwm = ReadStatusKb("VmHWM");
        _peak = Baseline;
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory-sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Working set (bytes) when sampling started.</summary>
    public long Baseline { get; }

    /// <summary>VmHWM (bytes) when sampling started.</summary>
    public long BaselineHwm { get; }

    /// <summary>Largest sampled working set (bytes).</summary>
    public long Peak => Interlocked.Read(ref _peak);

    public static long CurrentWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>A <c>/proc/self/status</c> value in bytes (its kB figure × 1024), or -1 off Linux.</summary>
    public static long ReadStatusKb(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(name + ":", StringComparison.Ordinal))
                {
                    var digits = line[(name.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    private void Loop()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop)
        {
            process.Refresh();
            var ws = process.WorkingSet64;
            if (ws > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, ws);
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
