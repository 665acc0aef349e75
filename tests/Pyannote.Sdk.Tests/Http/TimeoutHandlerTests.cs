using System.Net;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.Tests.HttpPipeline;

public class TimeoutHandlerTests
{
    [Fact]
    public async Task Network_timeout_does_not_apply_while_the_body_is_being_sent()
    {
        var time = new FakeTimeProvider();
        var source = new GatedStream(1024);
        var transport = new ScriptedTransport().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(10));

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Put, "upload", RequestKind.Idempotent, new ReplayableContent(() => source, 1024)));
        await source.ReadStarted.Task;
        time.Advance(TimeSpan.FromMinutes(30)); // a slow upload: far beyond the network timeout
        source.Release();

        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024, transport.Seen.Single().Body!.Length);
    }

    [Fact]
    public async Task Upload_timeout_limits_the_body_and_surfaces_as_an_upload_timeout()
    {
        var time = new FakeTimeProvider();
        var source = new GatedStream(1024);
        var transport = new ScriptedTransport().ThenStatus(200);
        var (client, _) = PipelineFactory.Create(transport, time, o =>
        {
            o.NetworkTimeout = TimeSpan.FromSeconds(10);
            o.UploadTimeout = TimeSpan.FromMinutes(2);
        });

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/transcribe", RequestKind.Billed, new ReplayableContent(() => source, 1024), "vendor.transcribe"));
        await source.ReadStarted.Task;
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<SpeechTimeoutException>(() => send);
        Assert.Equal(SpeechTimeoutKind.Upload, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.Timeout);
        Assert.Contains("UploadTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, transport.Attempts); // billed: never repeated after a timeout
    }

    [Fact]
    public async Task Network_timeout_applies_to_the_wait_for_headers_after_the_body()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport().ThenHangAfterSend();
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(100));

        var send = client.SendAsync(PipelineFactory.Request(HttpMethod.Post, "v1/transcribe", RequestKind.Billed, new StringContent("{}")));
        await transport.Entered.Task;
        time.Advance(TimeSpan.FromSeconds(99));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<SpeechTimeoutException>(() => send);
        Assert.Equal(SpeechTimeoutKind.Network, ex.Kind);
    }

    [Fact]
    public async Task A_response_body_that_stalls_hits_the_network_timeout_per_read()
    {
        var time = new FakeTimeProvider();
        var body = new GatedStream(64);
        var transport = new ScriptedTransport().Then((req, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body), RequestMessage = req }));
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(10));

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent, operation: "test.stall"), HttpCompletionOption.ResponseHeadersRead);
        var read = response.Content.ReadAsStringAsync();
        await body.ReadStarted.Task;
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => read);
        var timeout = ex as SpeechTimeoutException ?? Assert.IsType<SpeechTimeoutException>(ex.InnerException);
        Assert.Equal(SpeechTimeoutKind.Network, timeout.Kind);
        Assert.Equal("test.stall", timeout.Operation);
    }

    [Fact]
    public async Task A_response_body_that_keeps_arriving_is_read_whole()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport().ThenStatus(200, body: "{\"status\":\"succeeded\"}");
        var (client, _) = PipelineFactory.Create(transport, time, o => o.NetworkTimeout = TimeSpan.FromSeconds(10));

        using var response = await client.SendAsync(PipelineFactory.Request(HttpMethod.Get, "v1/jobs/1", RequestKind.Idempotent));

        Assert.Equal("{\"status\":\"succeeded\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType); // the headers of the wrapped content
    }

    [Fact]
    public async Task Http_client_timeout_is_infinite()
    {
        var (client, _) = PipelineFactory.Create(new ScriptedTransport(), new FakeTimeProvider());
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        await Task.CompletedTask;
    }

    [Fact]
    public void Invalid_timeouts_are_rejected_before_any_request()
    {
        var ex = Assert.Throws<ArgumentException>(() => PipelineFactory.Create(new ScriptedTransport(), new FakeTimeProvider(), o => o.NetworkTimeout = TimeSpan.Zero));
        Assert.Contains("NetworkTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    /// <summary>A source whose reads block until released (an upload in progress).</summary>
    private sealed class GatedStream(int length) : Stream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public void Release() => _gate.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadStarted.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
            var n = Math.Min(buffer.Length, length - _position);
            buffer.Span[..n].Fill(7);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
