using System.Net;
using System.Text;
using Pyannote.Sdk.Together;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.HttpPipeline;

/// <summary>
/// Issue 13, finding 4: bodies read from the network are bounded. A 1.5 GB error body is cut at 64 KiB and still
/// becomes <see cref="SpeechApiException"/>; a success body past <see cref="SpeechClientOptions.MaxResponseBodySize"/>
/// becomes <see cref="SpeechResponseFormatException"/>; memory stays bounded either way (measured as bytes allocated
/// during the call, an upper bound of what the call can hold). The count is process-wide, so the class runs alone: on
/// a loaded machine the call takes longer and tests running beside it would add their allocations to its figure.
/// </summary>
[Collection(ResponseBodyMemoryMeasurement.Name)]
public sealed class ResponseBodyBoundsTests(ITestOutputHelper output)
{
    private const long Huge = 1_500_000_000;

    [Fact]
    public async Task Error_bodies_are_read_at_most_64_KiB_so_a_1_5_GB_error_is_a_SpeechApiException()
    {
        var transport = new GiantBodyTransport(HttpStatusCode.InternalServerError, "{\"message\":\"", Huge, declareLength: false);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = transport, Retry = { MaxRetries = 0 } });

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"1.5 GB error body: {transport.Served:N0} bytes read, {allocated:N0} bytes allocated during the call");
        Assert.Equal(500, ex.StatusCode);
        Assert.InRange(transport.Served, 1, 1024 * 1024);
        Assert.InRange(allocated, 0, 32L * 1024 * 1024);
    }

    [Fact]
    public async Task Success_bodies_past_MaxResponseBodySize_are_SpeechResponseFormatException_with_bounded_memory()
    {
        const long cap = 4L * 1024 * 1024;
        var transport = new GiantBodyTransport(HttpStatusCode.OK, "{\"text\":\"", Huge, declareLength: false);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = transport, MaxResponseBodySize = cap });

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"1.5 GB chunked success body, 4 MiB cap: {transport.Served:N0} bytes read, {allocated:N0} bytes allocated during the call");
        Assert.Contains("MaxResponseBodySize", ex.Message, StringComparison.Ordinal);
        Assert.InRange(transport.Served, cap, cap + (1024 * 1024));
        Assert.InRange(allocated, 0, 16 * cap);
    }

    [Fact]
    public async Task A_1_5_GB_chunked_success_body_under_the_default_limit_ends_at_128_MiB()
    {
        var transport = new GiantBodyTransport(HttpStatusCode.OK, "{\"text\":\"", Huge, declareLength: false);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = transport });

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await Assert.ThrowsAsync<SpeechResponseFormatException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var info = GC.GetGCMemoryInfo();

        output.WriteLine($"1.5 GB chunked success body, default cap: {transport.Served:N0} bytes read, {allocated:N0} bytes allocated during the call, GC heap after {info.HeapSizeBytes:N0}");
        Assert.InRange(transport.Served, SpeechClientOptions.DefaultMaxResponseBodySize, SpeechClientOptions.DefaultMaxResponseBodySize + (1024 * 1024));
        Assert.InRange(allocated, 0, 8 * SpeechClientOptions.DefaultMaxResponseBodySize);
    }

    [Fact]
    public async Task A_declared_length_past_MaxResponseBodySize_is_refused_before_any_byte_is_read()
    {
        var transport = new GiantBodyTransport(HttpStatusCode.OK, "{\"text\":\"", Huge, declareLength: true);
        var client = new TogetherClient("k", new TogetherClientOptions { Transport = transport });

        var ex = await Assert.ThrowsAsync<SpeechResponseFormatException>(() => client.CreateTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.wav")));

        Assert.Contains("1,500,000,000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, transport.Served);
    }

    [Fact]
    public void MaxResponseBodySize_must_be_positive()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TogetherClient("k", new TogetherClientOptions { MaxResponseBodySize = 0 }));
        Assert.Contains("MaxResponseBodySize", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers every request with a body of <c>length</c> bytes made on the fly (a prefix, then 'a's).</summary>
    private sealed class GiantBodyTransport(HttpStatusCode status, string prefix, long length, bool declareLength) : HttpMessageHandler
    {
        private long _served;

        public long Served => Interlocked.Read(ref _served);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new LazyStream(Encoding.ASCII.GetBytes(prefix), length, this));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = declareLength ? length : null;
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }

        private sealed class LazyStream(byte[] prefix, long length, GiantBodyTransport owner) : Stream
        {
            private long _position;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                var n = (int)Math.Min(buffer.Length, length - _position);
                for (var i = 0; i < n; i++)
                {
                    var p = _position + i;
                    buffer[i] = p < prefix.Length ? prefix[p] : (byte)'a';
                }

                _position += n;
                Interlocked.Add(ref owner._served, n);
                return n;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResponseBodyMemoryMeasurement
{
    public const string Name = "Response body memory measurement (run alone)";
}
