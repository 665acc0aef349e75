using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pyannote.Sdk.Emulator;
using Xunit.Abstractions;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>
/// The fault matrix: every emulator fault against every vendor operation it applies to, through the real clients and
/// pipeline over loopback. Each row records the outcome, the time taken, the attempts sent and how many times a billed
/// POST was sent and processed, and the whole table is written to <c>artifacts/reliability/fault-matrix.md</c>.
/// </summary>
public sealed partial class FaultMatrixTests(ITestOutputHelper output)
{
    private const string Url = "https://example.com/meeting.wav";
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromMilliseconds(2000);

    /// <summary>A vendor operation under test: the request the fault targets, the billed request of the call, how to run it;
    /// <paramref name="OnlyJobFaults"/> when only the job faults apply (the vendor's job has no poll the other faults can
    /// reach), <paramref name="CanceledJobFails"/> when the vendor reports a canceled job as failed.</summary>
    internal sealed record Target(string Name, HttpMethod Method, string Path, bool Billed, bool CreatesJob, HttpMethod BilledMethod, string BilledPath, Func<ClientSet, Task<object?>> Run, bool OnlyJobFaults = false, bool CanceledJobFails = false);

    internal sealed record FaultCase(string Label, string Fault, int Count = 1, bool JobOnly = false);

    internal sealed record Row(Target Target, FaultCase Fault, string Outcome, bool Success, Exception? Error, TimeSpan Elapsed, int Attempts, int BilledSent, int BilledProcessed, int TotalRequests, string Expected, bool AsExpected);

    private static bool Ends(HttpRequestMessage r, HttpMethod m, string path) => r.Method == m && r.RequestUri!.AbsolutePath.EndsWith(path, StringComparison.Ordinal);

    internal static IReadOnlyList<Target> Targets { get; } = [.. VendorRows.Of<Target>(typeof(FaultMatrixTests))];

    internal static IReadOnlyList<FaultCase> Faults { get; } =
    [
        new("408", "408"),
        new("429 + Retry-After: 1 (seconds)", "429;retry-after=1"),
        new("429 + Retry-After: HTTP date (+1 s)", "429;retry-after-date=1"),
        new("429 + retry-after-ms: 300", "429;retry-after-ms=300"),
        new("500", "500"),
        new("502", "502"),
        new("503", "503"),
        new("503 + Retry-After: 1", "503;retry-after=1"),
        new("504", "504"),
        new("503 on every attempt", "503", int.MaxValue),
        new("connection refused (closed port)", "refused"),
        new("reset before headers", "abort-before-headers"),
        new("reset during body", "abort-during-body"),
        new("truncated JSON", "truncated-json"),
        new("invalid JSON", "invalid-json"),
        new("success body of the wrong shape", "wrong-shape"),
        // The per-attempt timeouts run on a fake clock that only the faulted attempt advances (see WireTap.AdvanceWhileFaulted),
        // so a loaded machine can neither fire a timeout on a healthy attempt nor spare a stalled one.
        new("slow headers (server stalls 20 s; 2 s timeout)", "slow-headers=20000"),
        new("slow body (1 s pause mid-body; 2 s idle timeout)", "slow-body=1000"),
        new("job failed", "job-failed", JobOnly: true),
        new("job canceled", "job-canceled", JobOnly: true),
        new("job vanished (404 on poll)", "job-vanish", JobOnly: true),
    ];

    /// <summary>The outcome the SDK's retry policy promises for a fault on a target.</summary>
    internal static string Expected(Target t, FaultCase f)
    {
        var idempotent = !t.Billed;
        var transient = f.Fault is "408" or "500" or "502" or "504" or "abort-before-headers" || f.Fault.StartsWith("slow-headers", StringComparison.Ordinal);
        if (f.Fault.StartsWith("429", StringComparison.Ordinal) || f.Fault.StartsWith("503;retry-after", StringComparison.Ordinal) || f.Fault == "refused" || f.Fault.StartsWith("slow-body", StringComparison.Ordinal))
        {
            return "success";
        }

        if (f.Fault == "503" && f.Count == 1)
        {
            // A bare 503 (a proxy's, perhaps) does not prove a billed request unprocessed: only idempotent ones are retried.
            return idempotent ? "success" : "SpeechApiException 503";
        }

        var poll = t.Name.Contains("(poll)", StringComparison.Ordinal);
        if (f.Count > 1)
        {
            // The job wait rides out JobWait.MaxConsecutivePollFailures failed polls, then surfaces the poll's own error.
            return "SpeechApiException 503";
        }

        if (poll && f.Fault is "truncated-json" or "invalid-json" or "wrong-shape" or "abort-during-body")
        {
            return "success"; // one unreadable or cut-off poll answer: the job wait polls again
        }

        if (t.Method == HttpMethod.Put && f.Fault is "truncated-json" or "invalid-json" or "wrong-shape")
        {
            return "success"; // the storage PUT's answer has no body the SDK reads
        }

        if (transient)
        {
            return idempotent ? "success" : f.Fault switch
            {
                "abort-before-headers" => "SpeechTransportException",
                _ when f.Fault.StartsWith("slow-headers", StringComparison.Ordinal) => "SpeechTimeoutException",
                _ => "SpeechApiException " + f.Fault,
            };
        }

        return f.Fault switch
        {
            // The body is read after the pipeline returns, so a reset mid-body is not retried by the pipeline; a job wait polls again.
            "abort-during-body" => t.Method == HttpMethod.Put ? "success" : "SpeechTransportException",
            "truncated-json" or "invalid-json" or "wrong-shape" => "SpeechResponseFormatException",
            "job-failed" => "SpeechJobFailedException",
            "job-canceled" => t.CanceledJobFails ? "SpeechJobFailedException" : "SpeechJobCanceledException",
            "job-vanish" => "SpeechJobNotFoundException",
            _ => "?",
        };
    }

    internal static bool Applies(Target t, FaultCase f) =>
        f.JobOnly ? t.CreatesJob : !t.OnlyJobFaults;

    /// <summary>Exceptions the SDK documents for a failed call. Anything else is a defect.</summary>
    internal static bool IsDocumented(Exception ex) =>
        ex is SpeechException;

    internal static async Task<Row> RunRowAsync(SpeechEmulator emulator, Target target, FaultCase fault, LeakCapture leaks, int closedPort)
    {
        var tap = new WireTap
        {
            Target = r => target.Path.EndsWith('*')
                ? r.Method == target.Method && r.RequestUri!.AbsolutePath.Contains(target.Path.TrimEnd('*'), StringComparison.Ordinal)
                : Ends(r, target.Method, target.Path),
            Fault = fault.Fault,
            FaultCount = fault.Count,
            ClosedPort = closedPort,
        };
        using var _ = tap;
        // Per-attempt timeouts on a fake clock: real time under load must not decide a row. The tap advances it past
        // NetworkTimeout only while an attempt whose headers the server stalls is in flight.
        var timeouts = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        if (fault.Fault.StartsWith("slow-headers", StringComparison.Ordinal))
        {
            tap.AdvanceWhileFaulted = () => timeouts.Advance(NetworkTimeout);
        }

        var clients = new ClientSet(emulator, tap, leaks, o =>
        {
            o.NetworkTimeout = NetworkTimeout;
            o.TimeoutClock = timeouts;
            o.JobWait.MaxWait = TimeSpan.FromSeconds(30);
        });
        var sw = Stopwatch.StartNew();
        object? result = null;
        Exception? error = null;
        try
        {
            result = await target.Run(clients);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        sw.Stop();
        leaks.AddException(error);
        leaks.Add(result?.ToString());
        if (result is Transcripts.Transcript tr)
        {
            leaks.Add(tr.Text);
        }

        var records = tap.Records;
        var billed = records.Where(r => r.Method == target.BilledMethod.Method && r.Path.EndsWith(target.BilledPath, StringComparison.Ordinal)).ToList();
        // A billed attempt was processed unless the emulator answered it with the injected status (429, 503, …: the
        // request is not handled) or it never reached the emulator (closed port).
        var processed = billed.Count(r => !(r.Fault is { } f && (f == "refused" || (char.IsDigit(f[0]) && r.Status == int.Parse(f[..3], CultureInfo.InvariantCulture)))));
        var attempts = records.Count(r => tap.Target!(new HttpRequestMessage(new HttpMethod(r.Method), new Uri("http://x" + r.Path))));
        var outcome = error is null
            ? (attempts > 1 ? $"success after {attempts - 1} retr{(attempts == 2 ? "y" : "ies")}" : "success")
            : error switch
            {
                SpeechApiException api when api is not SpeechResponseFormatException && api.GetType() == typeof(SpeechApiException) => $"SpeechApiException {api.StatusCode}",
                _ => error.GetType().Name,
            };
        var expected = Expected(target, fault);
        var asExpected = expected == "success" ? error is null : outcome == expected;
        return new Row(target, fault, outcome, error is null, error, sw.Elapsed, attempts, billed.Count, processed, records.Count, expected, asExpected);
    }

    [Fact]
    public async Task Every_fault_ends_in_success_or_a_documented_exception_and_no_billed_request_is_processed_twice()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Secrets.EmulatorOptions());
        var leaks = new LeakCapture();
        using var spans = new ActivityCapture(leaks);
        var closedPort = Net.ClosedPort();
        var cases = Targets.SelectMany(t => Faults.Where(f => Applies(t, f)).Select(f => (t, f))).ToList();
        using var gate = new SemaphoreSlim(Report.EnvInt("PYANNOTE_SDK_FAULT_PARALLELISM", 6));
        var total = Stopwatch.StartNew();
        var rows = await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try { return await RunRowAsync(emulator, c.t, c.f, leaks, closedPort); }
            finally { gate.Release(); }
        }));
        total.Stop();

        var table = Table(rows, total.Elapsed, leaks);
        output.WriteLine(table);
        output.WriteLine("written to " + Report.Write("fault-matrix.md", table));

        Assert.All(rows, r => Assert.True(r.Success || IsDocumented(r.Error!), $"{r.Target.Name} / {r.Fault.Label}: undocumented {r.Error}"));
        Assert.All(rows, r => Assert.True(r.BilledProcessed <= 1, $"{r.Target.Name} / {r.Fault.Label}: billed request processed {r.BilledProcessed} times"));
        Assert.All(rows, r => Assert.True(r.BilledSent <= 1 || r.Fault.Fault is "refused" || r.Fault.Fault.StartsWith("429", StringComparison.Ordinal) || r.Fault.Fault.StartsWith("503;retry-after", StringComparison.Ordinal),
            $"{r.Target.Name} / {r.Fault.Label}: billed request sent {r.BilledSent} times after a fault that does not prove it was unprocessed"));
        Assert.All(rows, r => Assert.True(r.AsExpected, $"{r.Target.Name} / {r.Fault.Label}: expected {r.Expected}, got {r.Outcome}: {r.Error}"));
        Assert.Empty(leaks.Leaks());
        Assert.True(spans.Spans > 0, "no span was recorded");
    }

    internal static string Table(IReadOnlyList<Row> rows, TimeSpan total, LeakCapture leaks)
    {
        var sb = new StringBuilder();
        var survived = rows.Count(r => r.AsExpected && r.BilledProcessed <= 1);
        sb.AppendLine(CultureInfo.InvariantCulture, $"Fault matrix: {survived}/{rows.Count} faults handled as specified; {rows.Count(r => r.Success)} succeeded (after retries where needed), {rows.Count(r => !r.Success)} raised a documented exception; billed requests processed twice: {rows.Count(r => r.BilledProcessed > 1)}; secrets found: {leaks.Leaks().Count} in {leaks.Count} captured texts; wall time {total.TotalSeconds:0.0} s.");
        sb.AppendLine();
        sb.AppendLine("| operation | fault | outcome | expected | time (ms) | attempts at target | requests sent | billed POST sent / processed |");
        sb.AppendLine("|---|---|---|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target.Name} | {r.Fault.Label} | {r.Outcome}{(r.AsExpected ? "" : " **(unexpected)**")} | {r.Expected} | {r.Elapsed.TotalMilliseconds:0} | {r.Attempts} | {r.TotalRequests} | {r.BilledSent} / {r.BilledProcessed} |");
        }

        return sb.ToString();
    }
}
