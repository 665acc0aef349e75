using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Webhooks;

namespace Pyannote.Sdk.IntegrationTests.Webhooks;

public partial class WebhookEndpointLimitsTests
{
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
    public void The_default_body_limit_fits_real_payloads_and_stays_below_Kestrels_default()
    {
        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes; docs/webhooks.md derives both defaults from payload sizes.
        Assert.Equal(16L * 1024 * 1024, PyannoteWebhookOptions.DefaultMaxBodyBytes);
        Assert.True(PyannoteWebhookOptions.DefaultMaxBodyBytes < new KestrelServerLimits().MaxRequestBodySize);
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
}
