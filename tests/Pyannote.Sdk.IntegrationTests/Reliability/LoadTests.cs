using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime;
using System.Text;
using Xunit.Abstractions;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>The emulator in its own process, so the load test measures only the SDK's memory and sockets.</summary>
internal sealed class ExternalEmulator : IDisposable
{
    private readonly Process _process;

    private ExternalEmulator(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ExternalEmulator> StartAsync(string apiKey, string jobDelayMs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Pyannote.Sdk.Emulator.Tool.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--api-key", apiKey, "--job-delay-ms", jobDelayMs })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var at = line.IndexOf("listening on ", StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + "listening on ".Length)..].Split(' ')[0];
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new ExternalEmulator(process, new Uri(url));
            }
        }

        process.Kill();
        throw new InvalidOperationException("the emulator did not report its address: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}

/// <summary>One vendor's share of the load mix: <see cref="Start"/> makes a client against the out-of-process emulator
/// (its base address; the options passed to the callback first) and returns one unit of work on an audio input.</summary>
/// <param name="Description">What one unit is, as the report names it (e.g. "transcriptions").</param>
/// <param name="Start">Creates the client and returns the unit of work.</param>
internal sealed record LoadWorkload(string Description, Func<Uri, Action<SpeechClientOptions>, Func<AudioInput, Task>> Start);

/// <summary>
/// Load: N concurrent units of each vendor workload (transcriptions, job waits) per round, R rounds, over one shared client and
/// socket handler against the emulator (in its own process, loopback). All must complete, sockets must not grow
/// round over round, and managed memory after a full blocking GC must not trend upwards: the floor of the last two
/// rounds may exceed the floor of the first two by at most <see cref="NoiseAllowance"/> plus
/// <see cref="LeakPerCall"/> per call made in between. Single samples are not compared: the process also holds what
/// earlier tests left behind (pools, idle connections, timers), which shrinks at its own pace — a 31.5% drop across
/// three rounds once failed a ±10% spread check under load. A leak grows with every call, so it still breaks the
/// bound (in CI any leak of 3 KiB a call or more; in the full run any leak of about 1 KiB). CI runs
/// <c>PYANNOTE_SDK_LOAD_CONCURRENCY</c>=200 × <c>PYANNOTE_SDK_LOAD_ROUNDS</c>=6; <c>eng/reliability.sh --full</c> runs 1,000 × 10.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed partial class LoadTests(ITestOutputHelper output)
{
    /// <summary>Memory a round may add without any leak (thread-pool growth under load, pool buckets, JIT data).</summary>
    private const long NoiseAllowance = 4L * 1024 * 1024;

    /// <summary>Memory each call may add on top of <see cref="NoiseAllowance"/>: a leaked response, job or body is larger.</summary>
    private const long LeakPerCall = 512;

    [Fact]
    public async Task Concurrent_transcriptions_and_job_waits_complete_without_socket_or_memory_growth()
    {
        var n = Report.EnvInt("PYANNOTE_SDK_LOAD_CONCURRENCY", 200);
        var rounds = Math.Max(4, Report.EnvInt("PYANNOTE_SDK_LOAD_ROUNDS", 6));
        using var emulator = await ExternalEmulator.StartAsync(Secrets.ApiKey, "100,200");
        var tap = new WireTap(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { KeepRecords = false };
        void Configure(SpeechClientOptions o)
        {
            o.Transport = tap;
            o.NetworkTimeout = TimeSpan.FromSeconds(60);
            o.JobWait.InitialDelay = TimeSpan.FromMilliseconds(100);
            o.JobWait.MaxPollInterval = TimeSpan.FromMilliseconds(250);
            o.JobWait.MaxWait = TimeSpan.FromMinutes(5);
        }

        var workloads = VendorRows.Of<LoadWorkload>(typeof(LoadTests)).ToArray();
        Assert.NotEmpty(workloads);
        var units = workloads.Select(w => w.Start(emulator.BaseAddress, Configure)).ToArray();
        var audio = AudioInput.FromUrl("https://example.com/meeting.wav");

        var rows = new List<string>();
        var memory = new List<long>();
        var sockets = new List<int>();
        int completed = 0, failed = 0, socketErrors = 0;
        string? firstError = null;
        var socketsBefore = Net.OpenSockets();
        // Round 0 warms up (JIT, pools); rounds 1..R are measured.
        for (var round = 0; round <= rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            var work = new List<Task>(units.Length * n);
            for (var i = 0; i < n; i++)
            {
                foreach (var unit in units)
                {
                    work.Add(unit(audio));
                }
            }

            foreach (var t in work)
            {
                try
                {
                    await t;
                    if (round > 0)
                    {
                        completed++;
                    }
                }
                catch (Exception ex)
                {
                    if (round > 0)
                    {
                        failed++;
                    }

                    firstError ??= ex.ToString();
                    if (ex is SocketException || ex.InnerException is SocketException)
                    {
                        socketErrors++;
                    }
                }
            }

            sw.Stop();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var bytes = GC.GetTotalMemory(forceFullCollection: true);
            var socketCount = Net.OpenSockets();
            if (round > 0)
            {
                memory.Add(bytes);
                sockets.Add(socketCount);
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {(round == 0 ? "warm-up" : round.ToString(CultureInfo.InvariantCulture))} | {units.Length * n} | {sw.Elapsed.TotalSeconds:0.00} | {bytes / 1024.0 / 1024.0:0.00} | {socketCount} | {tap.MaxInFlight} |"));
        }

        var total = units.Length * n * rounds;
        // Trend, not single samples: the floor (minimum) of the first two measured rounds against that of the last two.
        var firstFloor = Math.Min(memory[0], memory[1]);
        var lastFloor = Math.Min(memory[^1], memory[^2]);
        var growth = lastFloor - firstFloor;
        long callsBetween = (long)units.Length * n * (rounds - 2);
        var allowed = NoiseAllowance + LeakPerCall * callsBetween;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Load: {completed}/{total} completed ({string.Join(" + ", workloads.Select(w => $"{n} concurrent {w.Description}"))} per round, {rounds} measured rounds after a warm-up), failures {failed}, socket errors {socketErrors}; managed memory after full GC: floor of the last two rounds {growth / 1048576.0:+0.00;-0.00} MiB against the first two ({growth / (double)callsBetween:+0;-0} B per call over {callsBetween} calls; allowed {allowed / 1048576.0:0.00} MiB), min {memory.Min() / 1048576.0:0.00} MiB, max {memory.Max() / 1048576.0:0.00} MiB; sockets before {socketsBefore}, after rounds {string.Join(", ", sockets)}; one shared SocketsHttpHandler; emulator out of process on loopback.");
        sb.AppendLine();
        sb.AppendLine("| round | calls | seconds | managed MiB after full GC | open sockets | max requests in flight |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(r);
        }

        output.WriteLine(sb.ToString());
        output.WriteLine("written to " + Report.Write("load.md", sb.ToString()));

        Assert.True(failed == 0, firstError);
        Assert.Equal(total, completed);
        Assert.True(growth <= allowed, $"managed memory grew by {growth / 1048576.0:0.00} MiB ({growth / (double)callsBetween:0} B per call) from the first two rounds to the last two; allowed {allowed / 1048576.0:0.00} MiB");
        Assert.True(sockets.Count == 0 || sockets[^1] <= sockets[0] + 16, $"sockets grew from {sockets[0]} to {sockets[^1]}");
    }

    /// <summary>A vendor workload: a client made by <paramref name="create"/> from options of type
    /// <typeparamref name="TOptions"/> pointed at the emulator's <paramref name="prefix"/> and passed to the test's
    /// configuration, and <paramref name="unit"/> as one unit of work with it.</summary>
    private static LoadWorkload Workload<TClient, TOptions>(string description, string prefix, Func<string, TOptions, TClient> create, Func<TClient, AudioInput, Task> unit)
        where TOptions : SpeechClientOptions, new() =>
        new(description, (emulator, configure) =>
        {
            var options = new TOptions { Endpoint = new Uri(emulator, prefix) };
            configure(options);
            var client = create(Secrets.ApiKey, options);
            return audio => unit(client, audio);
        });
}
