using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Repeats a request that failed transiently, without ever billing twice. It sits inside the error-mapping handler, so
/// it sees raw responses.
/// <list type="bullet">
/// <item><see cref="RequestKind.Idempotent"/>: 408, 429, 500, 502, 503, 504, connection failures and per-attempt timeouts.</item>
/// <item><see cref="RequestKind.Billed"/>: only when the vendor provably did not process the request: 429, 503 with
/// <c>Retry-After</c> (a bare 503 only with <see cref="SpeechRetryOptions.RetryBilledOn503WithoutRetryAfter"/>), or a
/// connection that was never made (refused, name resolution, unreachable) before any body byte was written. Never
/// after a timeout or a broken connection once the request went out: that surfaces (from
/// <see cref="ErrorMappingHandler"/>) as <see cref="SpeechTransportException"/> with
/// <see cref="SpeechTransportException.VendorMayHaveReceived"/>, never as a bare <see cref="HttpRequestException"/>.</item>
/// </list>
/// The wait is the vendor's <c>Retry-After</c>/<c>retry-after-ms</c> (read by <see cref="ErrorMappingHandler.RetryAfter"/>);
/// longer than <see cref="SpeechRetryOptions.MaxRetryAfter"/> ends the retries with the error. Otherwise exponential
/// backoff with jitter. Each attempt gets fresh <see cref="AttemptContent"/>; content that cannot be replayed is never
/// re-sent once it was read.
/// </summary>
internal sealed class RetryHandler(SpeechVendor vendor, SpeechClientOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = SpeechRequestContext.For(request);
        var retry = options.Retry ?? new SpeechRetryOptions();
        var maxRetries = Math.Max(0, CallScope.Current?.Options?.MaxRetries ?? retry.MaxRetries);
        var original = request.Content;
        var replayable = AttemptContent.IsReplayable(original);
        var state = RequestState.For(request);

        for (var attempt = 1; ; attempt++)
        {
            var wrapped = original is null ? null : new AttemptContent(original);
            HttpResponseMessage? response = null;
            ExceptionDispatchInfo? failure = null;
            request.Content = wrapped;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                request.Content = original;
                if (state is not null)
                {
                    state.Attempts = attempt;
                    state.LastAttemptSendStarted = wrapped is { SendStarted: true };
                }
            }

            var decision = Decide(context.Kind, response, failure?.SourceException, wrapped, replayable, retry, options.TimeProvider);
            if (decision.Retry && attempt > maxRetries)
            {
                decision = decision with { Retry = false, Why = $"the {maxRetries} allowed retries are used up" };
            }

            if (!decision.Retry)
            {
                if (decision.Reason is not null)
                {
                    PipelineLog.RetryRefused(logger, vendor.Key(), context.Operation, attempt, decision.Reason, decision.Why ?? "not retriable");
                }

                failure?.Throw();
                return response!;
            }

            var delay = decision.RetryAfter ?? Backoff(attempt, retry);
            PipelineLog.RetryScheduled(logger, vendor.Key(), context.Operation, attempt, decision.Reason!, delay.TotalMilliseconds);
            SpeechDiagnostics.Retries.Add(
                1,
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.Vendor, vendor.Key()),
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.Operation, context.Operation),
                new KeyValuePair<string, object?>(SpeechDiagnostics.Tags.RetryReason, decision.Reason));
            state?.Activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
            {
                [SpeechDiagnostics.Tags.RetryAttempt] = attempt,
                [SpeechDiagnostics.Tags.RetryReason] = decision.Reason,
                [SpeechDiagnostics.Tags.RetryDelay] = delay.TotalMilliseconds,
            }));

            response?.Dispose();
            // The SDK's own decision: the innermost BilledOnceHandler lets exactly this one more send through.
            context.Sends.Allow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, options.TimeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether an attempt's outcome may be repeated, why, and the vendor's requested wait.</summary>
    internal static RetryDecision Decide(RequestKind kind, HttpResponseMessage? response, Exception? failure, AttemptContent? content, bool replayable, SpeechRetryOptions retry, TimeProvider? time)
    {
        string reason;
        TimeSpan? retryAfter = null;
        if (failure is not null)
        {
            reason = failure switch
            {
                SpeechTimeoutException t => t.Kind == SpeechTimeoutKind.Upload ? "upload_timeout" : "timeout",
                _ when IsConnectFailure(failure) && content is not { SendStarted: true } => "connect_failure",
                HttpRequestException or IOException => "connection_error",
                _ => failure.GetType().Name,
            };

            if (reason is not ("timeout" or "upload_timeout" or "connect_failure" or "connection_error"))
            {
                return new RetryDecision(false, null, null, null);
            }

            if (kind == RequestKind.Billed && reason != "connect_failure")
            {
                return new RetryDecision(false, reason, "the request creates billed work and the vendor may have received it", null);
            }
        }
        else
        {
            var status = (int)response!.StatusCode;
            if (!SpeechApiException.IsRetriableStatus(status))
            {
                return new RetryDecision(false, null, null, null);
            }

            reason = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (kind == RequestKind.Billed && status is not (429 or 503))
            {
                return new RetryDecision(false, reason, "the request creates billed work and only 429 or 503 prove it was not processed", null);
            }

            retryAfter = ErrorMappingHandler.RetryAfter(response, time);
            if (kind == RequestKind.Billed && status == 503 && retryAfter is null && !retry.RetryBilledOn503WithoutRetryAfter)
            {
                return new RetryDecision(false, reason, "a 503 without Retry-After (for example from a proxy) does not prove the billed request was not processed", null);
            }

            if (retryAfter > retry.MaxRetryAfter && retry.MaxRetryAfter != Timeout.InfiniteTimeSpan)
            {
                return new RetryDecision(false, reason, $"the vendor asked to wait {retryAfter}, longer than MaxRetryAfter ({retry.MaxRetryAfter})", retryAfter);
            }
        }

        if (!replayable && content is { SendStarted: true })
        {
            return new RetryDecision(false, reason, "the request body was read and cannot be sent again", retryAfter);
        }

        return new RetryDecision(true, reason, null, retryAfter);
    }

    /// <summary>A connection that was never made: refused, name not resolved, network or host unreachable.</summary>
    internal static bool IsConnectFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }

            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Exponential backoff with "equal jitter": between half and all of BaseDelay·2^(attempt−1), capped at MaxDelay.</summary>
    internal static TimeSpan Backoff(int attempt, SpeechRetryOptions retry)
    {
        var baseMs = Math.Max(0, retry.BaseDelay.TotalMilliseconds);
        var capMs = Math.Max(baseMs, retry.MaxDelay.TotalMilliseconds);
        var ms = Math.Min(capMs, baseMs * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(ms * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    internal readonly record struct RetryDecision(bool Retry, string? Reason, string? Why, TimeSpan? RetryAfter);
}
