using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Limits each attempt: <see cref="SpeechClientOptions.NetworkTimeout"/> for connecting and for waiting for the response
/// headers once the body is sent, then as an idle limit on each read of the response body;
/// <see cref="SpeechClientOptions.UploadTimeout"/> (if any) for writing the request body. A limit
/// that fires surfaces as <see cref="SpeechTimeoutException"/>; the caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>. Timers run in real time (<see cref="SpeechClientOptions.TimeoutClock"/> in tests).
/// </summary>
internal sealed class TimeoutHandler(SpeechVendor vendor, SpeechClientOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var network = CallScope.Current?.Options?.NetworkTimeout ?? options.NetworkTimeout;
        var upload = options.UploadTimeout;
        var content = request.Content as AttemptContent;
        if (network == Timeout.InfiniteTimeSpan && (upload is null || content is null))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new AttemptTimer(options.TimeoutClock ?? TimeProvider.System, cts, network, upload);
        if (content is not null)
        {
            content.BodyStarted = timer.OnBodyStarted;
            content.BodyCompleted = timer.OnBodyCompleted;
        }

        timer.StartNetwork();
        try
        {
            var response = await base.SendAsync(request, cts.Token).ConfigureAwait(false);
            if (network != Timeout.InfiniteTimeSpan)
            {
                // The body is read after this handler returns: each read of it gets the network timeout as an idle limit.
                response.Content = new IdleTimeoutContent(response.Content, network, options.TimeoutClock ?? TimeProvider.System, vendor, SpeechRequestContext.For(request).Operation);
            }

            return response;
        }
        catch (Exception ex) when (timer.Expired is { } kind && !cancellationToken.IsCancellationRequested)
        {
            var operation = SpeechRequestContext.For(request).Operation;
            var limit = kind == SpeechTimeoutKind.Upload ? upload!.Value : network;
            SpeechDiagnostics.Timeouts.Add(
                1,
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.Vendor, vendor.Key()),
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.Operation, operation),
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.TimeoutKind, kind == SpeechTimeoutKind.Upload ? "upload" : "network"));
            PipelineLog.AttemptTimedOut(logger, vendor.Key(), operation, kind, limit.TotalMilliseconds);
            throw new SpeechTimeoutException(vendor, operation, kind, limit, ex);
        }
        finally
        {
            if (content is not null)
            {
                content.BodyStarted = null;
                content.BodyCompleted = null;
            }
        }
    }

    /// <summary>One attempt's clock: the network limit runs until the body starts, the upload limit while it is written,
    /// and the network limit again (from zero) until the response headers arrive.</summary>
    private sealed class AttemptTimer(TimeProvider time, CancellationTokenSource cts, TimeSpan network, TimeSpan? upload) : IDisposable
    {
        private readonly object _gate = new();
        private ITimer? _timer;
        private SpeechTimeoutKind? _expired;
        private bool _disposed;

        public SpeechTimeoutKind? Expired
        {
            get
            {
                lock (_gate)
                {
                    return _expired;
                }
            }
        }

        public void StartNetwork() => Arm(network == Timeout.InfiniteTimeSpan ? null : network, SpeechTimeoutKind.Network);

        public void OnBodyStarted() => Arm(upload, SpeechTimeoutKind.Upload);

        public void OnBodyCompleted() => StartNetwork();

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _timer?.Dispose();
                _timer = null;
            }
        }

        private void Arm(TimeSpan? due, SpeechTimeoutKind kind)
        {
            ITimer? old;
            lock (_gate)
            {
                if (_disposed || _expired is not null)
                {
                    return;
                }

                old = _timer;
                _timer = null;
            }

            old?.Dispose();
            if (due is not { } d)
            {
                return;
            }

            var created = time.CreateTimer(static s => ((Action)s!)(), (Action)(() => Fire(kind)), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            lock (_gate)
            {
                if (_disposed || _expired is not null)
                {
                    created.Dispose();
                    return;
                }

                _timer = created;
            }

            created.Change(d, Timeout.InfiniteTimeSpan);
        }

        private void Fire(SpeechTimeoutKind kind)
        {
            lock (_gate)
            {
                if (_disposed || _expired is not null)
                {
                    return;
                }

                _expired = kind;
            }

            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
