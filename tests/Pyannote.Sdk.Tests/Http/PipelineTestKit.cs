using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

/// <summary>Options of a stand-in vendor whose public endpoint is a reserved test host.</summary>
public sealed class TestClientOptions : SpeechClientOptions
{
    public static readonly Uri PublicEndpoint = new("https://api.vendor.test/");

    private protected override Uri VendorEndpoint => PublicEndpoint;
}

/// <summary>One request as the transport saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri? Uri, string? Authorization, string? XApiKey, byte[]? Body);

/// <summary>
/// A transport that plays a script, one step per attempt, and records every attempt. Steps decide whether the body is
/// read (sent) before answering or failing, like a server that fails before or after the upload.
/// </summary>
public sealed class ScriptedTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = new();

    public List<SeenRequest> Seen { get; } = new();

    /// <summary>Attempts that reached the transport (including those that failed before sending).</summary>
    public int Attempts => _attempts;

    private int _attempts;

    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedTransport Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    /// <summary>Answers with a status (reading the body first, as a server does).</summary>
    public ScriptedTransport ThenStatus(int status, Action<HttpResponseMessage>? headers = null, string? body = null) => Then(StatusStep(status, headers, body));

    /// <summary>The step <see cref="ThenStatus"/> adds, for composing custom steps.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> StatusStep(int status, Action<HttpResponseMessage>? headers = null, string? body = null) => async (req, ct) =>
    {
        await ReadBodyAsync(req, ct);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body ?? "{}"), RequestMessage = req };
        headers?.Invoke(response);
        return response;
    };

    /// <summary>Fails before the body was sent (the connection was never made).</summary>
    public ScriptedTransport ThenConnectFailure(System.Net.Sockets.SocketError error = System.Net.Sockets.SocketError.ConnectionRefused) => Then((_, _) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({error})", new System.Net.Sockets.SocketException((int)error)));

    /// <summary>Reads the whole body, then the connection breaks.</summary>
    public ScriptedTransport ThenResetAfterSend() => Then(async (req, ct) =>
    {
        await ReadBodyAsync(req, ct);
        throw new HttpRequestException("The response ended prematurely.", new IOException("Connection reset by peer", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset)));
    });

    /// <summary>Reads the whole body, then never answers (until canceled).</summary>
    public ScriptedTransport ThenHangAfterSend() => Then(async (req, ct) =>
    {
        await ReadBodyAsync(req, ct);
        Entered.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        throw new InvalidOperationException("unreachable");
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (!_steps.TryDequeue(out var step))
        {
            throw new InvalidOperationException($"Unexpected attempt {Seen.Count + 1} to {request.RequestUri}.");
        }

        return await step(request, cancellationToken);
    }

    private async Task ReadBodyAsync(HttpRequestMessage request, CancellationToken ct)
    {
        byte[]? body = null;
        if (request.Content is not null)
        {
            Entered.TrySetResult();
            body = await request.Content.ReadAsByteArrayAsync(ct);
        }

        lock (Seen)
        {
            Seen.Add(new SeenRequest(
                request.Method,
                request.RequestUri,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-api-key", out var k) ? k.Single() : null,
                body));
        }
    }
}

/// <summary>Builds a pipeline client over a scripted transport with a manual clock.</summary>
internal static class PipelineFactory
{
    public const string ApiKey = "sk-test-AKIA5ECRETKEY";

    /// <summary>A pipeline client for <paramref name="vendor"/>; without one, the first vendor (the pipeline rules under test are the same for all).</summary>
    public static (HttpClient Client, TestClientOptions Options) Create(ScriptedTransport transport, FakeTimeProvider time, Action<TestClientOptions>? configure = null, ILoggerFactory? logs = null, SpeechVendor? vendor = null)
    {
        var options = new TestClientOptions
        {
            Transport = transport,
            TimeProvider = time,
            TimeoutClock = time,
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            LoggerFactory = logs,
        };
        configure?.Invoke(options);
        return (SpeechHttpPipeline.CreateHttpClient(vendor ?? TestVendor.All[0].Vendor, ApiKey, options), options);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, RequestKind kind, HttpContent? content = null, string operation = "test.op")
    {
        var request = new HttpRequestMessage(method, new Uri(TestClientOptions.PublicEndpoint, path)) { Content = content };
        new SpeechRequestContext(operation, kind).ApplyTo(request);
        return request;
    }
}

/// <summary>Captures every log line (formatted message, state values and exception text).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            if (exception is not null)
            {
                text += " | " + exception;
            }

            owner.Lines.Enqueue((category, logLevel, text));
        }
    }
}
