using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.IntegrationTests.Reliability;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

/// <summary>
/// The webhook endpoints under hostile senders, on a real Kestrel at 127.0.0.1: what needs no body is checked before
/// the body is read, the buffer grows with the bytes that actually arrive (never from <c>Content-Length</c>), the
/// server's own body limit holds unless the app opts in, and an over-limit chunked body gets the endpoint's own 413.
/// The memory figure for 40 slow senders is a probe, not a test (docs/reliability.md). The class runs alone: bytes
/// allocated are counted process-wide, and on a loaded machine the window stretches while parallel tests allocate.
/// </summary>
[Collection(MeasuredCollection.Name)]
public class WebhookEndpointLimitsTests
{
    private const string Secret = "whsec-limits";
    private static readonly byte[] Body = "{\"jobId\":\"limits-1\",\"status\":\"failed\"}"u8.ToArray();

    public static TheoryData<string, string?, string?, HttpStatusCode> BadHeaders()
    {
        var now = DateTimeOffset.UtcNow;
        var good = PyannoteWebhook.CreateSignatureHeaders(Body, Secret, now);
        return new()
        {
            { "no signature", null, good.Timestamp, HttpStatusCode.BadRequest },
            { "malformed signature", "not-a-signature", good.Timestamp, HttpStatusCode.BadRequest },
            { "no timestamp", good.Signature, null, HttpStatusCode.BadRequest },
            { "malformed timestamp", good.Signature, "yesterday", HttpStatusCode.BadRequest },
            { "stale timestamp", good.Signature, now.AddMinutes(-30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), HttpStatusCode.Unauthorized },
        };
    }

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_pyannote_delivery_whose_headers_cannot_verify_is_refused_before_its_body_is_read(string @case, string? signature, string? timestamp, HttpStatusCode expected)
    {
        await using var host = await Host.StartAsync(app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret] }, (evt, http, ct) => Task.CompletedTask));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "/hook")) { Content = new ByteArrayContent(new byte[200_000]) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(PyannoteWebhookHeaders.SignatureName, signature);
        }

        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation(PyannoteWebhookHeaders.TimestampName, timestamp);
        }

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.True(host.BodyBytesRead == 0, $"{@case}: the endpoint read {host.BodyBytesRead} body bytes before refusing");
    }

    [Fact]
    public async Task A_JigsawStack_delivery_without_a_valid_token_is_refused_before_its_body_is_read()
    {
        await using var host = await Host.StartAsync(app => app.MapJigsawStackWebhook("/js", new JigsawStackWebhookOptions { Secrets = [Secret] }, (evt, http, ct) => Task.CompletedTask));

        using var noToken = await host.Http.PostAsync(new Uri(host.BaseAddress, "/js"), new ByteArrayContent(new byte[200_000]));
        using var forged = await host.Http.PostAsync(new Uri(host.BaseAddress, "/js?webhookId=a&webhookKey=" + new string('A', 43)), new ByteArrayContent(new byte[200_000]));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, host.BodyBytesRead);
    }

    [Fact]
    public async Task The_body_buffer_grows_with_the_bytes_received_and_is_never_sized_from_Content_Length()
    {
        const long declared = 512L * 1024 * 1024;
        await using var host = await Host.StartAsync(
            app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret], MaxBodyBytes = 1L << 30 }, (evt, http, ct) => Task.CompletedTask)
                .WithMetadata(new RequestSizeLimitAttribute(1L << 30)));
        var headers = ForgedButWellFormedHeaders();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, host.BaseAddress.Port);
            var stream = client.GetStream();
            var head = $"POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {declared}\r\n{PyannoteWebhookHeaders.SignatureName}: {headers.Signature}\r\n{PyannoteWebhookHeaders.TimestampName}: {headers.Timestamp}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"jobId\":"));
            await host.FirstBodyRead.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await host.RequestsDone.WaitAsync(TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Buffering by the declared length would allocate 512 MiB here; ten bytes arrived.
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated / (1024 * 1024)} MiB allocated for a 10-byte partial body declared as 512 MiB");
    }

    [Fact]
    public async Task The_servers_own_request_body_limit_is_respected()
    {
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        await using var host = await Host.StartAsync(
            app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret] }, (evt, http, ct) =>
            {
                events.Enqueue(evt);
                return Task.CompletedTask;
            }),
            kestrel => kestrel.Limits.MaxRequestBodySize = 1_000_000);
        var big = SignedBody(2_000_000);

        using var response = await host.Http.SendAsync(Signed(new Uri(host.BaseAddress, "/hook"), big, chunked: false));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(events);
        Assert.True(host.BodyBytesRead <= 1_000_000, $"{host.BodyBytesRead} bytes read past the server's 1 MB limit");
    }

    [Fact]
    public async Task The_app_can_opt_one_endpoint_in_to_a_body_limit_above_the_servers()
    {
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        await using var host = await Host.StartAsync(
            app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret] }, (evt, http, ct) =>
            {
                events.Enqueue(evt);
                return Task.CompletedTask;
            }).WithMetadata(new RequestSizeLimitAttribute(4_000_000)),
            kestrel => kestrel.Limits.MaxRequestBodySize = 1_000_000);

        using var response = await host.Http.SendAsync(Signed(new Uri(host.BaseAddress, "/hook"), SignedBody(2_000_000), chunked: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(events);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunked_body_over_the_limit_gets_the_endpoints_own_413_and_no_error_log(bool serverLimitIsLower)
    {
        var logs = new ConcurrentQueue<(LogLevel Level, string Category, string Message)>();
        await using var host = await Host.StartAsync(
            app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret], MaxBodyBytes = serverLimitIsLower ? 1L << 20 : 64 * 1024 }, (evt, http, ct) => Task.CompletedTask),
            kestrel => kestrel.Limits.MaxRequestBodySize = serverLimitIsLower ? 64 * 1024 : 30_000_000,
            logs);

        foreach (var size in new[] { 64 * 1024 + 1, 64 * 1024 + 4096, 100 * 1024 })
        {
            using var response = await host.Http.SendAsync(Signed(new Uri(host.BaseAddress, "/hook"), SignedBody(size), chunked: true));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("Webhook rejected: BodyTooLarge", await response.Content.ReadAsStringAsync());
        }

        await host.RequestsDone.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(logs, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_accepted_and_one_byte_more_is_refused()
    {
        var events = new ConcurrentQueue<PyannoteWebhookEvent>();
        await using var host = await Host.StartAsync(app => app.MapPyannoteWebhook("/hook", new PyannoteWebhookOptions { Secrets = [Secret], MaxBodyBytes = 3 * 1024 * 1024 }, (evt, http, ct) =>
        {
            events.Enqueue(evt);
            return Task.CompletedTask;
        }));

        using var atLimit = await host.Http.SendAsync(Signed(new Uri(host.BaseAddress, "/hook"), SignedBody(3 * 1024 * 1024), chunked: true));
        using var over = await host.Http.SendAsync(Signed(new Uri(host.BaseAddress, "/hook"), SignedBody((3 * 1024 * 1024) + 1), chunked: true));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Single(events);
    }

    [Fact]
    public void The_default_body_limits_fit_real_payloads_and_stay_below_Kestrels_default()
    {
        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes; docs/webhooks.md derives both defaults from payload sizes.
        Assert.Equal(16L * 1024 * 1024, PyannoteWebhookOptions.DefaultMaxBodyBytes);
        Assert.Equal(8L * 1024 * 1024, JigsawStackWebhookOptions.DefaultMaxBodyBytes);
        Assert.True(PyannoteWebhookOptions.DefaultMaxBodyBytes < new KestrelServerLimits().MaxRequestBodySize);
    }

    /// <summary>A JSON delivery padded to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] SignedBody(int size)
    {
        var prefix = "{\"jobId\":\"big\",\"status\":\"failed\",\"pad\":\"";
        var suffix = "\"}";
        return Encoding.ASCII.GetBytes(prefix + new string('x', size - prefix.Length - suffix.Length) + suffix);
    }

    private static HttpRequestMessage Signed(Uri uri, byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new NonSeekableStream(body)) : new ByteArrayContent(body);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in PyannoteWebhook.CreateSignatureHeaders(body, Secret, DateTimeOffset.UtcNow).ToList())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static PyannoteWebhookHeaders ForgedButWellFormedHeaders() => new()
    {
        Signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A Kestrel app on 127.0.0.1:0 whose request bodies are counted as the endpoint reads them.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _bodyBytesRead;
        private int _inFlight;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Host(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(100) };

        public long BodyBytesRead => Interlocked.Read(ref _bodyBytesRead);

        public Task FirstBodyRead => _firstRead.Task;

        /// <summary>Completes when no request is in flight (after at least one started).</summary>
        public Task RequestsDone => _done.Task;

        public static async Task<Host> StartAsync(Action<WebApplication> map, Action<KestrelServerOptions>? kestrel = null, ConcurrentQueue<(LogLevel, string, string)>? logs = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
            }

            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, 0);
                kestrel?.Invoke(k);
            });
            var app = builder.Build();
            Host? host = null;
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref host!._inFlight);
                context.Request.Body = new CountingStream(context.Request.Body, host);
                try
                {
                    await next(context);
                }
                finally
                {
                    if (Interlocked.Decrement(ref host._inFlight) == 0)
                    {
                        host._done.TrySetResult();
                    }
                }
            });
            map(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host = new Host(app, new Uri(address));
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private sealed class CountingStream(Stream inner, Host host) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var read = await inner.ReadAsync(buffer, cancellationToken);
                Interlocked.Add(ref host._bodyBytesRead, read);
                if (read > 0)
                {
                    host._firstRead.TrySetResult();
                }

                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception.GetType().Name)));
        }
    }
}
