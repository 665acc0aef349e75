using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator;

/// <summary>
/// A local HTTP server (Kestrel on 127.0.0.1) that speaks the wire formats of pyannoteAI, Together AI, JigsawStack and
/// NanoGPT, for tests and samples that must not call the real services. Each vendor lives under its own path prefix
/// (<see cref="PyannoteEndpoint"/>, <see cref="TogetherEndpoint"/>, <see cref="JigsawStackEndpoint"/>, <see cref="NanoGptEndpoint"/>).
/// Faults can be injected per request with the <c>x-emulator-fault</c> header or queued with <see cref="EnqueueFault"/>.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
/// var options = new PyannoteClientOptions { Endpoint = emulator.PyannoteEndpoint };
/// </code>
/// </example>
public sealed partial class SpeechEmulator : IAsyncDisposable
{
    /// <summary>Header that injects faults into a single request (grammar in docs/emulator.md).</summary>
    public const string FaultHeader = "x-emulator-fault";

    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _disposed;

    private SpeechEmulator(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
        state.BaseAddress = baseAddress;
    }

    /// <summary>The shared state, for tests of the emulator itself.</summary>
    internal EmulatorState State => _state;

    /// <summary>Root address of the server, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>TCP port the server listens on.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The endpoint of <paramref name="vendor"/> (<c>…/&lt;key&gt;/</c>).</summary>
    internal Uri EndpointOf(Vendor vendor) => new(BaseAddress, vendor.Key + "/");

    /// <summary>The API key every vendor accepts (see <see cref="SpeechEmulatorOptions.AcceptAnyApiKey"/>).</summary>
    public string ApiKey => _state.Options.ApiKey;

    /// <summary>Secret that signs pyannoteAI webhooks.</summary>
    public string WebhookSecret => _state.Options.WebhookSecret;

    /// <summary>Snapshot of every request served so far, in arrival order.</summary>
    public IReadOnlyList<EmulatorRequest> RequestLog => _state.RequestLogSnapshot();

    /// <summary>Snapshot of every webhook delivery attempt so far.</summary>
    public IReadOnlyList<EmulatorWebhookDelivery> WebhookDeliveries => _state.Webhooks.Snapshot();

    /// <summary>Starts a server on 127.0.0.1.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">An option is out of range (negative delay, empty API key, port outside 0–65535).</exception>
    /// <exception cref="IOException">The port is already in use.</exception>
    public static async Task<SpeechEmulator> StartAsync(SpeechEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SpeechEmulatorOptions();
        Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SpeechEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.EnableConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            // ASP.NET Core's own request lines include the full URL with its query string, where pre-signed storage
            // URLs carry their signature: the emulator logs its own line instead (EmulatorPipeline.Log).
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // Each vendor enforces its own (lower) limit; this is the backstop for anything else.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes(options);
            kestrel.AddServerHeader = false;
        });

        var state = new EmulatorState(options);
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Use(new EmulatorPipeline(state).InvokeAsync);
        foreach (var vendor in Vendor.All)
        {
            vendor.Map(app, state);
        }

        EmulatorFallback.Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SpeechEmulator(app, state, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
    }

    /// <summary>Counts the requests served for a path: the full path (<c>/pyannote/v1/diarize</c>) or the vendor-relative
    /// path (<c>/v1/diarize</c>, matching every vendor that has it). A trailing <c>*</c> matches a prefix.</summary>
    /// <param name="path">Path to count.</param>
    /// <param name="method">HTTP method to count, or <see langword="null"/> for all.</param>
    /// <returns>The number of matching requests, including ones answered with an error or a fault.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public int CountRequests(string path, string? method = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _state.RequestLogSnapshot().Count(r =>
            EmulatorState.PathMatches(path, r.Path) && (method is null || string.Equals(method, r.Method, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Forgets the requests logged so far (webhook deliveries are kept).</summary>
    public void ClearRequestLog() => _state.ClearRequestLog();

    /// <summary>Serves <paramref name="fault"/> to the next <paramref name="count"/> requests matching <paramref name="path"/>,
    /// for clients that cannot set the <c>x-emulator-fault</c> header. A header on the request wins over the queue.</summary>
    /// <param name="path">Full path, vendor-relative path, a prefix ending in <c>*</c>, or <c>*</c> for any request.</param>
    /// <param name="fault">A fault in the header grammar, e.g. <c>503</c> or <c>429;retry-after=2</c>.</param>
    /// <param name="count">How many requests get it (at least 1).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="fault"/> does not parse.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void EnqueueFault(string path, string fault, int count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!FaultSet.TryParse(fault, out _, out var error))
        {
            throw new ArgumentException($"The fault does not parse: {error}.", nameof(fault));
        }

        _state.EnqueueFault(new EmulatorFaultRule(path, fault, count));
    }

    /// <summary>Computes the pyannoteAI <c>X-Signature</c> value the emulator sends for a body and timestamp, with the
    /// configured secret and encoding: HMAC-SHA256 over <c>v0:{timestamp}:{body}</c>.</summary>
    /// <param name="timestamp">The <c>X-Request-Timestamp</c> value (Unix seconds).</param>
    /// <param name="body">The raw request body.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public string ComputeWebhookSignature(string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(body);
        return WebhookDispatcher.Sign(_state.Options.WebhookSecret, _state.Options.WebhookSignatureEncoding, timestamp, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Waits until every webhook delivery scheduled so far (including redeliveries) has finished.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when no delivery is pending.</returns>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    public Task WaitForWebhooksAsync(CancellationToken cancellationToken = default) => _state.Webhooks.WhenIdleAsync(cancellationToken);

    /// <summary>Stops the server, cancels pending webhooks and deletes uploaded files.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Webhooks.Cancel();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _state.Dispose();
    }

    /// <summary>The server-wide request body limit: the largest vendor upload limit plus room for multipart framing.</summary>
    internal static long MaxRequestBodyBytes(SpeechEmulatorOptions options) =>
        Vendor.All.Select(v => v.MaxUploadBytes(options)).Append(Http.MaxJsonBodyBytes).Max()
        + MultipartForm.MaxFormOverheadBytes;

    private static void Validate(SpeechEmulatorOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be between 0 and 65535.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            throw new ArgumentException("ApiKey must not be empty.", nameof(options));
        }

        if (options.JobQueuedDelay < TimeSpan.Zero || options.JobRunningDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Job delays must not be negative.", nameof(options));
        }

        if (options.WebhookRetryDelays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("Webhook retry delays must not be negative.", nameof(options));
        }

        if (options.WebhookTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("WebhookTimeout must be positive.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentNullException.ThrowIfNull(options.WebhookSecret);
        foreach (var rule in options.Faults)
        {
            if (!FaultSet.TryParse(rule.Fault, out _, out var error))
            {
                throw new ArgumentException($"Fault '{rule.Fault}' does not parse: {error}.", nameof(options));
            }
        }
    }

    internal static string HexSha(byte[] data) => Convert.ToHexString(SHA256.HashData(data));
}
