using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Logs, traces and measures each vendor request as one unit (its retries included): a span named after the
/// operation with OpenTelemetry HTTP attributes (<c>url.full</c> redacted), a log event with vendor, operation, status,
/// duration, attempts and request id, and the duration histogram and request counter. Sits inside the error-mapping
/// handler, so it sees the raw status.
/// </summary>
internal sealed class TelemetryHandler(SpeechVendor vendor, SpeechClientOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = SpeechRequestContext.For(request);
        var vendorKey = vendor.Key();
        var method = request.Method.Method;
        var url = Redaction.Url(request.RequestUri);
        var activity = SpeechDiagnostics.ActivitySource.StartActivity(context.Operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SpeechDiagnostics.Tags.Vendor, vendorKey);
            activity.SetTag(SpeechDiagnostics.Tags.Operation, context.Operation);
            activity.SetTag(SpeechDiagnostics.Tags.Method, method);
            activity.SetTag(SpeechDiagnostics.Tags.UrlFull, url);
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                activity.SetTag(SpeechDiagnostics.Tags.ServerAddress, uri.Host);
                activity.SetTag(SpeechDiagnostics.Tags.ServerPort, uri.Port);
            }
        }

        // The error-mapping handler outside usually created the state already (it reads the attempts after a failure).
        var owned = RequestState.For(request) is null;
        var state = RequestState.For(request) ?? new RequestState();
        state.Activity = activity;
        request.Options.Set(RequestState.Key, state);
        var time = options.TimeProvider ?? TimeProvider.System;
        var started = time.GetTimestamp();
        PipelineLog.RequestStarting(logger, vendorKey, context.Operation, method, url);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            var requestId = ErrorMappingHandler.Header(response, "x-request-id") ?? ErrorMappingHandler.Header(response, "request-id");
            var errorType = response.IsSuccessStatusCode ? null : status.ToString(CultureInfo.InvariantCulture);
            if (activity is not null)
            {
                activity.SetTag(SpeechDiagnostics.Tags.StatusCode, status);
                SetResendCount(activity, state);
                if (requestId is not null)
                {
                    activity.SetTag(SpeechDiagnostics.Tags.RequestId, requestId);
                }

                if (errorType is not null)
                {
                    activity.SetTag(SpeechDiagnostics.Tags.ErrorType, errorType);
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            Record(vendorKey, context.Operation, method, status, errorType, elapsed);
            if (response.IsSuccessStatusCode)
            {
                PipelineLog.RequestSucceeded(logger, vendorKey, context.Operation, method, url, status, elapsed.TotalMilliseconds, state.Attempts, requestId);
            }
            else
            {
                PipelineLog.RequestFailedStatus(logger, vendorKey, context.Operation, method, url, status, elapsed.TotalMilliseconds, state.Attempts, requestId);
            }

            return response;
        }
        catch (Exception ex)
        {
            var elapsed = time.GetElapsedTime(started);
            var canceled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var errorType = canceled ? "canceled" : ex.GetType().FullName ?? ex.GetType().Name;
            if (activity is not null)
            {
                activity.SetTag(SpeechDiagnostics.Tags.ErrorType, errorType);
                SetResendCount(activity, state);
                activity.SetStatus(ActivityStatusCode.Error, canceled ? "canceled" : ex.GetType().Name);
            }

            Record(vendorKey, context.Operation, method, null, errorType, elapsed);
            if (canceled)
            {
                PipelineLog.RequestCanceled(logger, vendorKey, context.Operation, method, url, elapsed.TotalMilliseconds);
            }
            else
            {
                PipelineLog.RequestFailed(logger, ex, vendorKey, context.Operation, method, url, elapsed.TotalMilliseconds, state.Attempts, errorType);
            }

            throw;
        }
        finally
        {
            if (owned)
            {
                request.Options.Remove(RequestState.Key.Key, out _);
            }

            activity?.Dispose();
        }
    }

    private static void SetResendCount(Activity activity, RequestState state)
    {
        if (state.Attempts > 1)
        {
            activity.SetTag(SpeechDiagnostics.Tags.ResendCount, state.Attempts - 1);
        }
    }

    private static void Record(string vendor, string operation, string method, int? status, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { SpeechDiagnostics.Tags.Vendor, vendor },
            { SpeechDiagnostics.Tags.Operation, operation },
            { SpeechDiagnostics.Tags.Method, method },
        };
        if (status is { } s)
        {
            tags.Add(SpeechDiagnostics.Tags.StatusCode, s);
        }

        if (errorType is not null)
        {
            tags.Add(SpeechDiagnostics.Tags.ErrorType, errorType);
        }

        SpeechDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
        SpeechDiagnostics.Requests.Add(1, tags);
    }
}
