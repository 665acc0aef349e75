using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator;

namespace Pyannote.Sdk.IntegrationTests.Reliability;

/// <summary>Distinctive secret values: any of them appearing in a log, message, tag or ToString() is a leak.</summary>
internal static class Secrets
{
    public const string ApiKey = "sk-relia-7Q9xZ2mK4vB8nC1pL6tR3wY5";
    public const string WebhookSecret = "whsec-relia-H8jD3kS9fG2aQ7wE4rT1";

    /// <summary>Pre-signed query strings (and their signatures) seen on the wire during the runs.</summary>
    public static ConcurrentDictionary<string, byte> Observed { get; } = new();

    public static IEnumerable<string> All => new[] { ApiKey, WebhookSecret }.Concat(Observed.Keys);

    public static void ObserveUri(Uri? uri)
    {
        if (uri is null || string.IsNullOrEmpty(uri.Query))
        {
            return;
        }

        Observed.TryAdd(uri.Query.TrimStart('?'), 0);
        foreach (var part in uri.Query.TrimStart('?').Split('&'))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && part[..eq].Contains("signature", StringComparison.OrdinalIgnoreCase) && part.Length - eq > 8)
            {
                Observed.TryAdd(part[(eq + 1)..], 0);
                Observed.TryAdd(Uri.UnescapeDataString(part[(eq + 1)..]), 0);
            }
        }
    }

    /// <summary>The secrets found in <paramref name="text"/> (empty when clean).</summary>
    public static IEnumerable<string> FoundIn(string? text) =>
        string.IsNullOrEmpty(text) ? [] : All.Where(s => s.Length > 0 && text.Contains(s, StringComparison.Ordinal));

    public static SpeechEmulatorOptions EmulatorOptions()
    {
        var options = SpeechEmulatorOptions.ForTests();
        options.ApiKey = ApiKey;
        options.WebhookSecret = WebhookSecret;
        options.AudioLibraryDirectories.Add(Emulator.EmulatorTestSupport.SampleAudioDirectory);
        return options;
    }
}

/// <summary>Everything the SDK wrote where a secret could leak: logs, exception texts, activity tags, ToString().</summary>
internal sealed class LeakCapture : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _texts = new();

    public int Count => _texts.Count;

    public void Add(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _texts.Enqueue(text);
        }
    }

    public void AddException(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            Add(e.Message);
            Add(e.ToString());
            foreach (System.Collections.DictionaryEntry d in e.Data)
            {
                Add($"{d.Key}={d.Value}");
            }
        }
    }

    /// <summary>Every (secret, excerpt) pair found.</summary>
    public List<string> Leaks() =>
        _texts.SelectMany(t => Secrets.FoundIn(t).Select(s => $"'{s[..Math.Min(6, s.Length)]}…' in: {t[..Math.Min(200, t.Length)]}")).Distinct().ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    private sealed class Logger(LeakCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Add(state.ToString());
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Add($"{category} {logLevel} {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var p in pairs)
                {
                    owner.Add($"{p.Key}={p.Value}");
                }
            }

            owner.AddException(exception);
        }
    }
}

/// <summary>Listens to the SDK's activity source and keeps every tag and event of every span.</summary>
internal sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private int _spans;

    public ActivityCapture(LeakCapture sink)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Pyannote.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                Interlocked.Increment(ref _spans);
                sink.Add(a.DisplayName);
                sink.Add(a.StatusDescription);
                foreach (var t in a.TagObjects)
                {
                    sink.Add($"{t.Key}={t.Value}");
                }

                foreach (var e in a.Events)
                {
                    sink.Add(e.Name);
                    foreach (var t in e.Tags)
                    {
                        sink.Add($"{t.Key}={t.Value}");
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Spans => Volatile.Read(ref _spans);

    public void Dispose() => _listener.Dispose();
}

/// <summary>One request seen by <see cref="WireTap"/>.</summary>
internal sealed record TapRecord(string Method, string Path, string? Fault, int? Status, string? Error, TimeSpan Elapsed);

/// <summary>
/// The innermost transport of the clients under test: counts and times every attempt, tracks requests in flight,
/// injects emulator faults by header for the first <c>count</c> matching attempts (so rows can run in parallel on one
/// emulator), and can send matching attempts to a closed port (connection refused).
/// </summary>
internal sealed class WireTap : DelegatingHandler
{
    private readonly ConcurrentQueue<TapRecord> _records = new();
    private readonly object _gate = new();
    private int _inFlight;
    private int _maxInFlight;

    public WireTap(HttpMessageHandler inner) : base(inner) { }

    public WireTap() : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { }

    /// <summary>Requests whose method and path match get the fault.</summary>
    public Func<HttpRequestMessage, bool>? Target { get; set; }

    public string? Fault { get; set; }

    /// <summary>Whether to keep a record of every attempt (off for load runs, where the records would grow memory).</summary>
    public bool KeepRecords { get; set; } = true;

    /// <summary>How many matching attempts get the fault (int.MaxValue: all).</summary>
    public int FaultCount { get; set; } = 1;

    /// <summary>Port of a closed socket, used when <see cref="Fault"/> is <c>refused</c>.</summary>
    public int ClosedPort { get; set; }

    private int _faultsLeft = -1;

    /// <summary>Called every 50 ms of real time while a faulted attempt is in flight (a test advances a fake timeout clock with it).</summary>
    public Action? AdvanceWhileFaulted { get; set; }

    public IReadOnlyList<TapRecord> Records => _records.ToArray();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Count(HttpMethod method, string pathContains) => _records.Count(r => r.Method == method.Method && r.Path.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Secrets.ObserveUri(request.RequestUri);
        string? fault = null;
        if (Fault is not null && Target?.Invoke(request) == true)
        {
            lock (_gate)
            {
                if (_faultsLeft < 0)
                {
                    _faultsLeft = FaultCount;
                }

                if (_faultsLeft > 0)
                {
                    _faultsLeft--;
                    fault = Fault;
                }
            }
        }

        // The retry handler re-sends the same request message: undo this attempt's fault before the next one.
        var originalUri = request.RequestUri!;
        request.Headers.Remove(SpeechEmulator.FaultHeader);
        if (fault == "refused")
        {
            request.RequestUri = new UriBuilder(originalUri) { Port = ClosedPort }.Uri;
        }
        else if (fault is not null)
        {
            request.Headers.TryAddWithoutValidation(SpeechEmulator.FaultHeader, fault);
        }

        var path = originalUri.AbsolutePath;
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        var sw = Stopwatch.StartNew();
        try
        {
            var sending = base.SendAsync(request, cancellationToken);
            if (fault is not null && AdvanceWhileFaulted is { } advance)
            {
                while (!sending.IsCompleted)
                {
                    advance();
                    await Task.WhenAny(sending, Task.Delay(50, CancellationToken.None)).ConfigureAwait(false);
                }
            }

            var response = await sending.ConfigureAwait(false);
            if (KeepRecords)
            {
                _records.Enqueue(new TapRecord(request.Method.Method, path, fault, (int)response.StatusCode, null, sw.Elapsed));
            }

            return response;
        }
        catch (Exception ex)
        {
            if (KeepRecords)
            {
                _records.Enqueue(new TapRecord(request.Method.Method, path, fault, null, ex.GetType().Name, sw.Elapsed));
            }

            throw;
        }
        finally
        {
            request.RequestUri = originalUri;
            request.Headers.Remove(SpeechEmulator.FaultHeader);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}

/// <summary>The four clients over one transport, pointed at an emulator. Each vendor's folder adds its client
/// (<c>ClientSet.&lt;Vendor&gt;.cs</c>).</summary>
internal sealed partial class ClientSet
{
    private readonly SpeechEmulator _emulator;
    private readonly HttpMessageHandler _transport;
    private readonly ILoggerFactory? _logs;
    private readonly Action<SpeechClientOptions>? _configure;

    public ClientSet(SpeechEmulator emulator, HttpMessageHandler transport, ILoggerFactory? logs, Action<SpeechClientOptions>? configure = null)
    {
        _emulator = emulator;
        _transport = transport;
        _logs = logs;
        _configure = configure;
        VendorRows.Invoke(this);
    }

    private T Configure<T>(T o) where T : SpeechClientOptions
    {
        o.Transport = _transport;
        o.LoggerFactory = _logs;
        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        o.Retry.MaxDelay = TimeSpan.FromMilliseconds(400);
        o.JobWait.InitialDelay = TimeSpan.FromMilliseconds(20);
        o.JobWait.MaxPollInterval = TimeSpan.FromMilliseconds(100);
        o.JobWait.MaxWait = TimeSpan.FromSeconds(30);
        _configure?.Invoke(o);
        return o;
    }
}

internal static class Net
{
    /// <summary>A loopback port with nothing listening on it.</summary>
    public static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Open file descriptors of this process (Linux), or -1.</summary>
    public static int OpenDescriptors()
    {
        try { return Directory.GetFiles("/proc/self/fd").Length; }
        catch (IOException) { return -1; }
        catch (UnauthorizedAccessException) { return -1; }
    }

    /// <summary>Sockets among the open descriptors (Linux), or -1.</summary>
    public static int OpenSockets()
    {
        try
        {
            var n = 0;
            foreach (var fd in Directory.GetFiles("/proc/self/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                    {
                        n++;
                    }
                }
                catch (IOException) { }
            }

            return n;
        }
        catch (IOException) { return -1; }
        catch (UnauthorizedAccessException) { return -1; }
    }
}

/// <summary>Writes a report to <c>artifacts/reliability/</c> at the repository root.</summary>
internal static class Report
{
    public static string Directory { get; } = Find();

    public static string Write(string name, string markdown)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, markdown, new UTF8Encoding(false));
        return path;
    }

    public static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    public static int EnvInt(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pyannote.Sdk.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts", "reliability");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts", "reliability");
    }
}

/// <summary>Measured harnesses (load, cancellation latency) run alone, after the parallel tests, so other tests'
/// allocations and CPU use do not leak into their figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection
{
    public const string Name = "Reliability measurements (run alone)";
}
