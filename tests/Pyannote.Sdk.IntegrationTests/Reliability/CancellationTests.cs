using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Live;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Xunit.Abstractions;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Cancellation: every public async method of the four clients and their jobs, found by reflection, is driven against
/// the emulator while the server stalls (slow headers on every request) or the job is still running, then canceled.
/// Each must end with <see cref="OperationCanceledException"/> promptly and leave no request in flight. Writes
/// <c>artifacts/reliability/cancellation.md</c> with the latency of every method.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class CancellationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CancelAfter = TimeSpan.FromMilliseconds(300);

    private sealed record Row(string Method, string Scenario, string Outcome, double LatencyMs, int InFlightAfter, bool Ok);

    private static object?[] Arguments(MethodInfo method, string jobId, Func<object?> jobInfo, Func<PyannoteLiveSession> liveSession, CancellationToken token)
    {
        var args = new List<object?>();
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            object? value = t == typeof(CancellationToken) ? token
                : t == typeof(AudioInput) ? (method.Name.StartsWith("Upload", StringComparison.Ordinal) || method.Name.StartsWith("Stream", StringComparison.Ordinal) ? AudioInput.FromFile(EmulatorTestSupport.ConversationWav) : AudioInput.FromUrl("https://example.com/meeting.wav"))
                : t == typeof(string) && p.Name == "jobId" ? jobId
                : t == typeof(string) && p.Name == "runId" ? ((NanoGptJobInfo)jobInfo()!).RunId
                : t == typeof(string) && p.Name == "mediaUrl" ? "media://reliability/a.wav"
                : t == typeof(string) && p.Name == "key" ? "reliability/a.wav"
                : t == typeof(string) && p.Name == "sessionId" ? liveSession().Id
                : t == typeof(PyannoteLiveSession) ? liveSession()
                : t == typeof(LiveAudioSource) ? LiveAudioSource.FromWavFile(EmulatorTestSupport.ConversationWav)
                : t == typeof(string) ? null
                : t == typeof(Stream) ? new MemoryStream()
                : t == typeof(Uri) ? new Uri("http://127.0.0.1:9/hook")
                : t == typeof(IdentificationOptions) ? Identify()
                : t == typeof(JigsawStackStoredFile) ? new JigsawStackStoredFile("reliability/a.wav")
                : t == typeof(NanoGptTranscriptionOptions) ? new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt }
                : t == typeof(TranscriptionOptions) && method.DeclaringType == typeof(NanoGptClient) ? new TranscriptionOptions { Model = NanoGptModel.ElevenlabsStt.ToString() }
                : t == typeof(NanoGptJobInfo) ? jobInfo()
                : p.HasDefaultValue ? p.DefaultValue
                : null;
            args.Add(value);
        }

        return args.ToArray();
    }

    private static IdentificationOptions Identify()
    {
        var o = new IdentificationOptions();
        o.Voiceprints.Add(new PyannoteVoiceprint("alice", "dm9pY2VwcmludA=="));
        return o;
    }

    /// <summary>Public methods taking a CancellationToken and returning a task or an async stream.</summary>
    private static IEnumerable<MethodInfo> AsyncMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.GetParameters().Length);

    private static async Task Invoke(object target, MethodInfo method, object?[] args, CancellationToken token)
    {
        var result = method.Invoke(target, args);
        switch (result)
        {
            case Task task:
                await task;
                break;
            case not null:
                // IAsyncEnumerable<T>: enumerate it with the token.
                var enumerable = result;
                var getEnumerator = enumerable.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)).GetMethod("GetAsyncEnumerator")!;
                var enumerator = (IAsyncDisposable)getEnumerator.Invoke(enumerable, [token])!;
                var moveNext = enumerator.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerator<>)).GetMethod("MoveNextAsync")!;
                try
                {
                    while (await (ValueTask<bool>)moveNext.Invoke(enumerator, null)!) { }
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }

                break;
        }
    }

    private static async Task<Row> MeasureAsync(string name, string scenario, WireTap tap, Func<CancellationToken, Task> call)
    {
        using var cts = new CancellationTokenSource();
        var task = Task.Run(() => call(cts.Token));
        await Task.WhenAny(task, Task.Delay(CancelAfter));
        if (task.IsCompleted)
        {
            var early = await Record.ExceptionAsync(() => task);
            return new Row(name, scenario, "completed before cancellation: " + (early?.GetType().Name ?? "success"), 0, tap.InFlight, false);
        }

        var sw = Stopwatch.StartNew();
        cts.Cancel();
        var ex = await Record.ExceptionAsync(() => task);
        sw.Stop();
        // The transport's finally block has run for every attempt once the call returned.
        var inFlight = tap.InFlight;
        var outcome = ex?.GetType().Name ?? "success";
        return new Row(name, scenario, outcome, sw.Elapsed.TotalMilliseconds, inFlight, ex is OperationCanceledException && inFlight == 0);
    }

    [Fact]
    public async Task Every_public_async_method_stops_promptly_when_canceled_and_leaves_no_request_running()
    {
        var options = Secrets.EmulatorOptions();
        options.JobQueuedDelay = TimeSpan.FromHours(1); // jobs never finish: waits are canceled mid-wait
        options.JobRunningDelay = TimeSpan.FromHours(1);
        await using var emulator = await SpeechEmulator.StartAsync(options);
        var leaks = new LeakCapture();

        // Setup: a pyannoteAI job and a NanoGPT run to poll, created without faults.
        var setupTap = new WireTap();
        var setup = new ClientSet(emulator, setupTap, leaks);
        var pyJob = await setup.Pyannote.StartDiarizationAsync(AudioInput.FromUrl("https://example.com/meeting.wav"));
        var nanoStart = await setup.NanoGpt.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/meeting.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt });
        var nanoInfo = nanoStart.Job!.Info;
        // A live session whose single-use URL the session-taking streaming overload opens (the emulator serves it).
        var live = await setup.Pyannote.CreateLiveSessionAsync();

        var rows = new List<Row>();
        // 1. Every client method while the server stalls before answering (slow headers on every request).
        var stalled = new WireTap { Target = _ => true, Fault = "slow-headers=10000", FaultCount = int.MaxValue };
        var clients = new ClientSet(emulator, stalled, leaks, o => o.NetworkTimeout = TimeSpan.FromSeconds(60));
        // Warm-up (not reported): the first cancellation in the process pays for JIT compilation of the cancel path.
        _ = await MeasureAsync("warm-up", "", stalled, token => clients.Pyannote.GetJobAsync(pyJob.Id, token));
        foreach (var (client, type) in new (object, Type)[] { (clients.Pyannote, typeof(PyannoteClient)), (clients.Together, typeof(TogetherClient)), (clients.JigsawStack, typeof(JigsawStackClient)), (clients.NanoGpt, typeof(NanoGptClient)) })
        {
            foreach (var m in AsyncMethods(type))
            {
                var label = $"{type.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";
                rows.Add(await MeasureAsync(label, "server stalls (slow headers)", stalled, token => Invoke(client, m, Arguments(m, pyJob.Id, () => nanoInfo, () => live, token), token)));
            }
        }

        // 2. Job methods: while a poll stalls, and while waiting between polls of a job that keeps running.
        var jobs = new (string Name, Func<ClientSet, Task<object>> Get)[]
        {
            ("DiarizationJob", async c => await c.Pyannote.GetDiarizationJobAsync(pyJob.Id)),
            ("NanoGptTranscriptionJob", c => Task.FromResult<object>(c.NanoGpt.GetTranscriptionJob(nanoInfo))),
        };
        var idle = new WireTap();
        var idleClients = new ClientSet(emulator, idle, leaks, o =>
        {
            o.JobWait.InitialDelay = TimeSpan.FromMilliseconds(50);
            o.JobWait.MaxPollInterval = TimeSpan.FromSeconds(5);
        });
        foreach (var (name, get) in jobs)
        {
            var stalledJob = name == "DiarizationJob" ? setup.Pyannote.GetDiarizationJob(pyJob.Id) : (object)setup.NanoGpt.GetTranscriptionJob(nanoInfo);
            foreach (var m in AsyncMethods(stalledJob.GetType()))
            {
                var label = $"{name}.{m.Name}";
                var onStalled = name == "DiarizationJob" ? clients.Pyannote.GetDiarizationJob(pyJob.Id) : (object)clients.NanoGpt.GetTranscriptionJob(nanoInfo);
                rows.Add(await MeasureAsync(label, "server stalls (slow headers)", stalled, token => Invoke(onStalled, m, Arguments(m, pyJob.Id, () => nanoInfo, () => live, token), token)));
                if (m.Name == nameof(SpeechJob<object>.WaitForCompletionAsync))
                {
                    var job = await get(idleClients);
                    rows.Add(await MeasureAsync(label, "job still running (between polls)", idle, token => Invoke(job, m, Arguments(m, pyJob.Id, () => nanoInfo, () => live, token), token)));
                }
            }
        }

        // NanoGptTranscriptionStart.WaitForCompletionAsync
        var startOnIdle = await idleClients.NanoGpt.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/meeting.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.ElevenlabsStt });
        rows.Add(await MeasureAsync("NanoGptTranscriptionStart.WaitForCompletionAsync", "job still running (between polls)", idle, token => startOnIdle.WaitForCompletionAsync(cancellationToken: token)));

        var max = rows.Where(r => r.Ok).Select(r => r.LatencyMs).DefaultIfEmpty(0).Max();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Cancellation: {rows.Count(r => r.Ok)}/{rows.Count} calls ended with OperationCanceledException and no request in flight; latency from Cancel() to the task ending: max {max:0.0} ms, median {Median(rows.Select(r => r.LatencyMs)):0.0} ms (canceled {CancelAfter.TotalMilliseconds:0} ms after the call started).");
        sb.AppendLine();
        sb.AppendLine("| method | scenario | outcome | latency (ms) | requests in flight after |");
        sb.AppendLine("|---|---|---|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Method} | {r.Scenario} | {r.Outcome}{(r.Ok ? "" : " **(failed)**")} | {r.LatencyMs:0.0} | {r.InFlightAfter} |");
        }

        output.WriteLine(sb.ToString());
        output.WriteLine("written to " + Report.Write("cancellation.md", sb.ToString()));

        Assert.True(rows.Count >= 25, $"only {rows.Count} methods found");
        Assert.All(rows, r => Assert.True(r.Ok, $"{r.Method} ({r.Scenario}): {r.Outcome}, {r.InFlightAfter} in flight"));
        // The target is 100 ms and the measured maximum a few ms (reported above, and in docs/reliability.md). The hard
        // limit is 10x the target, so a loaded 2-core CI machine (scheduler and GC pauses) cannot fail it, while a
        // method that ignores the token still does: it would run into the 10 s stall or the 60 s network timeout.
        Assert.All(rows, r => Assert.True(r.LatencyMs < Report.EnvInt("PYANNOTE_SDK_CANCEL_LIMIT_MS", 1000), $"{r.Method} ({r.Scenario}) took {r.LatencyMs:0.0} ms to stop"));
        Assert.Empty(leaks.Leaks());
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? 0 : v[v.Length / 2];
    }
}
