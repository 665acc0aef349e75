using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.IntegrationTests.Reliability;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

/// <summary>
/// The webhook endpoints under hostile senders, on a real Kestrel at 127.0.0.1: what needs no body is checked before
/// the body is read, the buffer grows with the bytes that actually arrive (never from <c>Content-Length</c>), the
/// server's own body limit holds unless the app opts in, and an over-limit chunked body gets the endpoint's own 413.
/// The memory figure for 40 slow senders is a probe, not a test (docs/reliability.md). The class runs alone: bytes
/// allocated are counted process-wide, and on a loaded machine the window stretches while parallel tests allocate.
/// </summary>
[Collection(MeasuredCollection.Name)]
public partial class WebhookEndpointLimitsTests
{
    private const string Secret = "whsec-limits";
    private static readonly byte[] Body = "{\"jobId\":\"limits-1\",\"status\":\"failed\"}"u8.ToArray();

    /// <summary>A JSON delivery padded to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] SignedBody(int size)
    {
        var prefix = "{\"jobId\":\"big\",\"status\":\"failed\",\"pad\":\"";
        var suffix = "\"}";
        return Encoding.ASCII.GetBytes(prefix + new string('x', size - prefix.Length - suffix.Length) + suffix);
    }

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
