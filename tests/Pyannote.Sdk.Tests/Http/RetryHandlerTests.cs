using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public partial class RetryHandlerTests
{
    private static readonly FakeTimeProvider NoTime = new();

    private static FakeTimeProvider AutoClock() => new() { AutoAdvance = true };

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Idempotent_request_is_retried_on_each_transient_status(int status)
    {
        var transport = new ScriptedTransport().ThenStatus(status).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Attempts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Non_transient_status_is_never_retried(int status)
    {
        var transport = new ScriptedTransport().ThenStatus(status);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent)));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, transport.Attempts);
    }

    [Theory]
    [InlineData(429, 2)]
    [InlineData(503, 1)]
    [InlineData(408, 1)]
    [InlineData(500, 1)]
    [InlineData(502, 1)]
    [InlineData(504, 1)]
    public async Task Billed_request_is_retried_only_on_429_and_503_with_retry_after(int status, int expectedAttempts)
    {
        var transport = new ScriptedTransport().ThenStatus(status).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{\"url\":\"media://a\"}", Encoding.UTF8, "application/json")));

        if (expectedAttempts == 2)
        {
            using var response = await send;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<SpeechApiException>(() => send);
            Assert.Equal(status, ex.StatusCode);
        }

        Assert.Equal(expectedAttempts, transport.Attempts);
        Assert.All(transport.Seen, s => Assert.Equal("{\"url\":\"media://a\"}", Encoding.UTF8.GetString(s.Body!)));
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time);

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7)], time.Delays);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_measured_from_the_response_date()
    {
        var time = AutoClock();
        var serverNow = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var transport = new ScriptedTransport().ThenStatus(503, r =>
        {
            r.Headers.Date = serverNow;
            r.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(12));
        }).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time);

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal([TimeSpan.FromSeconds(12)], time.Delays);
    }

    [Fact]
    public async Task Retry_after_as_http_date_without_date_header_uses_the_clock()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(503, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(20))).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time);

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal([TimeSpan.FromSeconds(20)], time.Delays);
    }

    [Fact]
    public async Task Retry_after_ms_is_honoured_and_wins_over_retry_after()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(429, r =>
        {
            r.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
            r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(9));
        }).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time);

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal([TimeSpan.FromMilliseconds(1500)], time.Delays);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_surfaces_the_error_without_waiting()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), "{\"message\":\"slow down\"}");
        var (client, _) = PipelineFactory.Create(transport, time);

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent)));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Equal(1, transport.Attempts);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task Retry_after_cap_is_configurable()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120))).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time, o => o.Retry.MaxRetryAfter = TimeSpan.FromMinutes(5));

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal([TimeSpan.FromSeconds(120)], time.Delays);
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_with_exponential_jittered_backoff()
    {
        var time = AutoClock();
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(503).ThenStatus(503).ThenStatus(503);
        var (client, _) = PipelineFactory.Create(transport, time, o => o.Retry.BaseDelay = TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent)));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(4, transport.Attempts); // the first attempt and the default 3 retries
        Assert.Equal(3, time.Delays.Count);
        for (var i = 0; i < 3; i++)
        {
            var full = TimeSpan.FromSeconds(Math.Pow(2, i));
            Assert.InRange(time.Delays[i], full / 2, full);
        }
    }

    [Fact]
    public async Task Max_retries_zero_disables_retries()
    {
        var transport = new ScriptedTransport().ThenStatus(503);
        var (client, _) = PipelineFactory.Create(transport, AutoClock(), o => o.Retry.MaxRetries = 0);

        await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent)));
        Assert.Equal(1, transport.Attempts);
    }

    [Theory]
    [InlineData(System.Net.Sockets.SocketError.ConnectionRefused)]
    [InlineData(System.Net.Sockets.SocketError.HostNotFound)]
    [InlineData(System.Net.Sockets.SocketError.NetworkUnreachable)]
    public async Task Billed_request_is_retried_when_the_connection_was_never_made(System.Net.Sockets.SocketError error)
    {
        var transport = new ScriptedTransport().ThenConnectFailure(error).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{\"a\":1}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Attempts);
        Assert.Single(transport.Seen); // the body went out exactly once
    }

    [Fact]
    public async Task Billed_request_is_retried_after_a_name_resolution_failure()
    {
        var transport = new ScriptedTransport()
            .Then((_, _) => throw new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known."))
            .ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}")));

        Assert.Equal(2, transport.Attempts);
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 2)]
    public async Task Billed_request_is_retried_on_503_only_when_the_vendor_says_so_or_the_caller_opts_in(bool retryAfter, bool optIn, int expectedAttempts)
    {
        var transport = new ScriptedTransport()
            .ThenStatus(503, r => { if (retryAfter) { r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)); } })
            .ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock(), o => o.Retry.RetryBilledOn503WithoutRetryAfter = optIn);

        try
        {
            using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}")));
        }
        catch (SpeechApiException ex) when (ex.StatusCode == 503)
        {
        }

        Assert.Equal(expectedAttempts, transport.Attempts);
    }

    [Fact]
    public async Task Billed_request_is_not_repeated_after_the_connection_broke_once_the_body_was_sent()
    {
        var transport = new ScriptedTransport().ThenResetAfterSend().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        var ex = await Assert.ThrowsAsync<SpeechTransportException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}"))));
        Assert.True(ex.VendorMayHaveReceived);

        Assert.Equal(1, transport.Attempts);
    }

    [Fact]
    public async Task Billed_request_is_not_repeated_when_a_connect_style_error_comes_after_the_body_was_sent()
    {
        var transport = new ScriptedTransport().Then(async (req, ct) =>
        {
            await req.Content!.ReadAsByteArrayAsync(ct);
            throw new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        }).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        var ex = await Assert.ThrowsAsync<SpeechTransportException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}"))));
        Assert.True(ex.VendorMayHaveReceived);
        Assert.Equal(1, transport.Attempts);
    }

    [Fact]
    public async Task Idempotent_request_is_retried_after_a_broken_connection()
    {
        var transport = new ScriptedTransport().ThenResetAfterSend().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal(2, transport.Attempts);
    }

    [Fact]
    public async Task Billed_request_is_not_repeated_after_a_timeout_once_sent()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport().ThenHangAfterSend().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(10));

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}")));
        await transport.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<SpeechTimeoutException>(() => send);
        Assert.Equal(SpeechTimeoutKind.Network, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.Timeout);
        Assert.Equal("test.op", ex.Operation);
        Assert.IsNotAssignableFrom<OperationCanceledException>(ex);
        Assert.Equal(1, transport.Attempts);
    }

    [Fact]
    public async Task Idempotent_request_is_retried_after_a_timeout()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport().ThenHangAfterSend().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time, o =>
        {
            o.NetworkTimeout = TimeSpan.FromSeconds(10);
            o.Retry.BaseDelay = TimeSpan.Zero;
        });

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Put, "v1/jobs/1", RequestKind.Idempotent, new StringContent("x")));
        await transport.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(10));

        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Attempts);
    }

    [Fact]
    public async Task Non_seekable_upload_that_was_read_is_not_sent_again()
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("RIFF....WAVE"));
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.SendAsync(PipelineFactory.Request(HttpMethod.Put, "upload", RequestKind.Idempotent, new StreamContent(stream))));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(1, transport.Attempts);
    }

    [Fact]
    public async Task Non_seekable_upload_that_was_never_read_may_be_sent_after_a_connect_failure()
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("RIFF....WAVE"));
        var transport = new ScriptedTransport().ThenConnectFailure().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, AutoClock());

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Put, "upload", RequestKind.Idempotent, new StreamContent(stream)));

        Assert.Equal("RIFF....WAVE", Encoding.UTF8.GetString(transport.Seen.Single().Body!));
    }

    [Fact]
    public async Task Replayable_upload_is_re_sent_whole_on_each_attempt_with_its_headers()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var opened = 0;
        var content = new ReplayableContent(() => { opened++; return new MemoryStream(bytes); }, bytes.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var contentTypes = new List<string?>();
        var lengths = new List<long?>();
        var transport = new ScriptedTransport();
        for (var i = 0; i < 3; i++)
        {
            var status = i < 2 ? 503 : 200;
            transport.Then(async (req, ct) =>
            {
                contentTypes.Add(req.Content!.Headers.ContentType?.MediaType);
                lengths.Add(req.Content.Headers.ContentLength);
                return await transport.StatusStep(status)(req, ct);
            });
        }

        var (client, _) = PipelineFactory.Create(transport, AutoClock());
        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Put, "upload", RequestKind.Idempotent, content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, opened);
        Assert.Equal(3, transport.Seen.Count);
        Assert.All(transport.Seen, s => Assert.Equal(bytes, s.Body));
        Assert.All(contentTypes, t => Assert.Equal("audio/wav", t));
        Assert.All(lengths, l => Assert.Equal(bytes.Length, l));
    }

    [Fact]
    public async Task Caller_cancellation_is_an_operation_canceled_exception_not_a_timeout()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport().ThenHangAfterSend();
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource();

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/diarize", RequestKind.Billed, new StringContent("{}")), cts.Token);
        await transport.Entered.Task;
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(1, transport.Attempts);
    }
}
