using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>Sends webhooks in the background with the vendor's retry policy and records every attempt.</summary>
internal sealed class WebhookDispatcher : IDisposable
{
    /// <summary>Redirects followed per attempt; pyannoteAI reports <c>too_many_redirects</c> after more than 2.</summary>
    internal const int MaxRedirects = 2;

    private readonly SpeechEmulatorOptions _options;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<EmulatorWebhookDelivery> _deliveries = [];
    private readonly object _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public WebhookDispatcher(SpeechEmulatorOptions options)
    {
        _options = options;
        _client = new HttpClient(new SocketsHttpHandler
        {
            // Redirects are followed by hand (FollowAsync) so that every hop is held to the loopback rule.
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public IReadOnlyList<EmulatorWebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return _deliveries.ToArray();
        }
    }

    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public void Cancel() => _stopping.Cancel();

    /// <summary>Schedules a delivery after <paramref name="delay"/>. pyannoteAI deliveries are signed and retried; JigsawStack ones are sent once.
    /// When <c>notBefore</c> is given, nothing is sent before it completes (for example the answer that announced the job).</summary>
    public void Schedule(string vendor, string jobId, string url, Func<string> body, TimeSpan delay, bool signedWithRetries, int injectedFailures, Task? notBefore = null)
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
        }
        _ = Task.Run(async () =>
        {
            try
            {
                if (notBefore is not null)
                {
                    await notBefore.WaitAsync(_stopping.Token).ConfigureAwait(false);
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _options.TimeProvider, _stopping.Token).ConfigureAwait(false);
                }

                await DeliverAsync(vendor, jobId, url, body(), signedWithRetries, injectedFailures).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                lock (_gate)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }
        });
    }

    private async Task DeliverAsync(string vendor, string jobId, string url, string body, bool signedWithRetries, int injectedFailures)
    {
        var target = new Uri(url);
        if (!target.IsLoopback && !_options.AllowNonLoopbackWebhooks)
        {
            Record(vendor, jobId, url, 0, null, "skipped_non_loopback", body);
            return;
        }

        var retries = signedWithRetries ? Math.Min(3, _options.WebhookRetryDelays.Count) : 0;
        string? reason = null;
        var bytes = Encoding.UTF8.GetBytes(body);
        for (int attempt = 0; attempt <= retries; attempt++)
        {
            if (attempt > 0)
            {
                var wait = _options.WebhookRetryDelays[attempt - 1];
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _options.TimeProvider, _stopping.Token).ConfigureAwait(false);
                }
            }
            if (attempt < injectedFailures)
            {
                reason = "connection_failed";
                Record(vendor, jobId, url, attempt, null, "injected_failure", body);
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (signedWithRetries)
            {
                var timestamp = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                request.Headers.TryAddWithoutValidation("X-Request-Timestamp", timestamp);
                request.Headers.TryAddWithoutValidation("X-Signature", Sign(_options.WebhookSecret, _options.WebhookSignatureEncoding, timestamp, bytes));
                if (attempt > 0)
                {
                    request.Headers.TryAddWithoutValidation("x-retry-num", attempt.ToString(CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("x-retry-reason", reason ?? "unknown_error");
                }
            }

            // The receiver's time limit runs on the emulator's clock, so a test with a fake clock decides when it expires.
            using var limit = new CancellationTokenSource(_options.WebhookTimeout, _options.TimeProvider);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, limit.Token);
            try
            {
                var (status, refused) = await FollowAsync(request, bytes, timeout.Token).ConfigureAwait(false);
                if (refused is not null)
                {
                    // A redirect off loopback: the emulator never sends there, and (like a vendor that cannot reach
                    // the target) it does not retry either.
                    Record(vendor, jobId, url, attempt, status, "skipped_non_loopback", body);
                    return;
                }

                if (status is >= 200 and < 300)
                {
                    Record(vendor, jobId, url, attempt, status, "delivered", body);
                    return;
                }
                reason = status is >= 300 and < 400 ? "too_many_redirects" : "http_error";
                Record(vendor, jobId, url, attempt, status, reason, body);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                reason = "http_timeout";
                Record(vendor, jobId, url, attempt, null, reason, body);
            }
            catch (HttpRequestException e)
            {
                reason = e.InnerException is System.Security.Authentication.AuthenticationException ? "ssl_error" : "connection_failed";
                Record(vendor, jobId, url, attempt, null, reason, body);
            }
        }
    }

    /// <summary>
    /// Sends the delivery and follows up to <see cref="MaxRedirects"/> redirects (the vendor gives up after more than
    /// 2), re-posting the same body and headers. Each hop is checked against the loopback rule before anything is sent
    /// to it; a hop that breaks it ends the delivery with its target in <c>Refused</c>.
    /// </summary>
    private async Task<(int Status, Uri? Refused)> FollowAsync(HttpRequestMessage first, byte[] bytes, CancellationToken cancellationToken)
    {
        var request = first;
        for (var hop = 0; ; hop++)
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (request != first)
            {
                request.Dispose();
            }

            if (status is < 300 or >= 400 || response.Headers.Location is not { } location || hop == MaxRedirects)
            {
                return (status, null);
            }

            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (next.Scheme is not ("http" or "https") || (!next.IsLoopback && !_options.AllowNonLoopbackWebhooks))
            {
                return (status, next);
            }

            var again = new HttpRequestMessage(HttpMethod.Post, next) { Content = new ByteArrayContent(bytes) };
            again.Content.Headers.ContentType = first.Content!.Headers.ContentType;
            foreach (var header in first.Headers)
            {
                again.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request = again;
        }
    }

    private void Record(string vendor, string jobId, string url, int attempt, int? status, string outcome, string body)
    {
        lock (_gate)
        {
            _deliveries.Add(new EmulatorWebhookDelivery(vendor, jobId, url, attempt, status, outcome, body, _options.TimeProvider.GetUtcNow()));
        }
    }

    /// <summary>HMAC-SHA256 keyed with the secret's UTF-8 bytes over <c>v0:{timestamp}:{body}</c>.</summary>
    public static string Sign(string secret, WebhookSignatureEncoding encoding, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        hmac.TransformBlock(prefix, 0, prefix.Length, null, 0);
        hmac.TransformFinalBlock(body, 0, body.Length);
        var mac = hmac.Hash!;
        return encoding switch
        {
            WebhookSignatureEncoding.Hex => Convert.ToHexString(mac).ToLowerInvariant(),
            WebhookSignatureEncoding.V0Hex => "v0=" + Convert.ToHexString(mac).ToLowerInvariant(),
            _ => Convert.ToBase64String(mac),
        };
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            tcs.SetResult();
        }

        return tcs;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _client.Dispose();
        _stopping.Dispose();
    }
}
