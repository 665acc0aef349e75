using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RichardSzalay.MockHttp;
using Xunit.Abstractions;

namespace Pyannote.Sdk.Tests.PyannoteAI;

public class PyannoteUploadTests
{
    private const string PresignedPut = "https://storage.example.net/bucket/obj?X-Amz-Signature=very-secret";

    /// <summary>Storage double: reads the PUT body as a stream (never buffering it) and counts its bytes.</summary>
    internal sealed class Storage
    {
        public long BytesReceived { get; private set; }

        public long? DeclaredLength { get; private set; }

        public string? ContentType { get; private set; }

        public bool HadAuthorization { get; private set; }

        public byte[]? Sample { get; private set; }

        public async Task<HttpResponseMessage> AcceptAsync(HttpRequestMessage request)
        {
            DeclaredLength = request.Content!.Headers.ContentLength;
            ContentType = request.Content.Headers.ContentType?.MediaType;
            HadAuthorization = request.Headers.Authorization is not null || request.Headers.Contains("x-api-key");
            var counter = new CountingStream();
            await request.Content.CopyToAsync(counter);
            BytesReceived = counter.Count;
            Sample = counter.Head.ToArray();
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public MemoryStream Head { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Head.Length < 64)
            {
                Head.Write(buffer[..(int)Math.Min(buffer.Length, 64 - Head.Length)]);
            }

            Count += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    private static (PyannoteTestKit Kit, Storage Storage) Setup()
    {
        var kit = new PyannoteTestKit();
        var storage = new Storage();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/media/input")
            .Respond(_ => PyannoteTestKit.Json(JsonSerializer.Serialize(new { url = PresignedPut }), HttpStatusCode.Created));
        kit.Mock.When(HttpMethod.Put, "https://storage.example.net/bucket/obj").Respond(storage.AcceptAsync);
        return (kit, storage);
    }

    [Fact]
    public async Task A_local_file_is_declared_then_put_without_the_api_key_and_used_as_a_media_url()
    {
        var (kit, storage) = Setup();
        kit.JobCreated("/v1/diarize");
        var path = Path.Combine(Path.GetTempPath(), "pyannote-sdk-test " + Guid.NewGuid().ToString("N") + " (1).wav");
        await File.WriteAllBytesAsync(path, TestAudio.Stamped(Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray()));
        try
        {
            await kit.Client.StartDiarizationAsync(AudioInput.FromFile(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(3, kit.Requests.Count);
        var declare = kit.Requests[0];
        Assert.Equal(HttpMethod.Post, declare.Method);
        Assert.Equal("https://api.pyannote.ai/v1/media/input", declare.Uri.AbsoluteUri);
        Assert.Equal("Bearer", declare.Authorization?.Scheme);
        var mediaUrl = JsonDocument.Parse(declare.Body!).RootElement.GetProperty("url").GetString()!;
        Assert.Matches("^media://pyannote-sdk/[0-9a-f]{32}-pyannote-sdk-test-[0-9a-f]{32}--1-.wav$", mediaUrl);

        var put = kit.Requests[1];
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Null(put.Authorization);
        Assert.False(storage.HadAuthorization);
        Assert.Equal(5000, put.ContentLength);
        Assert.Equal(5000, storage.DeclaredLength);
        Assert.Equal(5000, storage.BytesReceived);
        Assert.Null(storage.ContentType);

        Assert.Equal($"{{\"url\":\"{mediaUrl}\"}}", kit.Requests[2].Body);
    }

    [Fact]
    public async Task UploadAsync_uses_the_given_key_and_returns_the_media_url()
    {
        var (kit, storage) = Setup();

        var url = await kit.Client.UploadAsync(AudioInput.FromStream(new MemoryStream(TestAudio.WavWith([1, 2, 3])), "a.wav"), "calls/2026/a.wav");

        Assert.Equal("media://calls/2026/a.wav", url);
        Assert.Equal("{\"url\":\"media://calls/2026/a.wav\"}", kit.Requests[0].Body);
        Assert.Equal(TestAudio.WavWith([1, 2, 3]).Length, storage.BytesReceived);
        Assert.Equal(TestAudio.WavWith([1, 2, 3]), storage.Sample);
    }

    [Fact]
    public async Task A_non_seekable_stream_is_spooled_and_streamed_with_its_exact_length()
    {
        var (kit, storage) = Setup();
        kit.JobCreated("/v1/voiceprint");
        var bytes = TestAudio.Stamped(Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());

        await kit.Client.StartVoiceprintAsync(AudioInput.FromStream(new NonSeekableStream(new MemoryStream(bytes)), "voice.wav"));

        Assert.Equal(300_000, storage.DeclaredLength);
        Assert.Equal(300_000, storage.BytesReceived);
        Assert.Equal(bytes.Take(64), storage.Sample);
        Assert.StartsWith("{\"url\":\"media://pyannote-sdk/", kit.Requests[2].Body);
    }

    [Fact]
    public async Task A_failed_put_surfaces_as_SpeechApiException_without_the_presigned_query()
    {
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/media/input")
            .Respond(_ => PyannoteTestKit.Json(JsonSerializer.Serialize(new { url = PresignedPut }), HttpStatusCode.Created));
        kit.Mock.When(HttpMethod.Put, "https://storage.example.net/bucket/obj").Respond(HttpStatusCode.Forbidden);

        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => kit.Client.UploadAsync(AudioInput.FromStream(new MemoryStream(TestAudio.Wav()), "a.wav")));

        Assert.Equal(403, ex.StatusCode);
        Assert.DoesNotContain("very-secret", ex.ToString());
        Assert.DoesNotContain(PyannoteTestKit.ApiKey, ex.ToString());
    }

    [Fact]
    public async Task An_upload_over_the_upload_timeout_throws_an_upload_SpeechTimeoutException()
    {
        var (kit, storage) = Setup();
        var clock = new FakeTimeProvider();
        kit.Options.TimeoutClock = clock;
        kit.Options.UploadTimeout = TimeSpan.FromMinutes(5);
        kit.Options.Retry.MaxRetries = 0;
        var audio = new GatedSeekableStream(TestAudio.WavHeaderLength);

        var upload = kit.Client.UploadAsync(AudioInput.FromStream(audio, "a.wav"));
        await audio.ReadStarted.Task;
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(upload.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));

        var ex = await Assert.ThrowsAsync<SpeechTimeoutException>(() => upload);
        Assert.Equal(SpeechTimeoutKind.Upload, ex.Kind);
        Assert.Equal("pyannote.media.upload", ex.Operation);
        Assert.Contains("UploadTimeout", ex.Message);
        Assert.Equal(0, storage.BytesReceived);
    }

    /// <summary>A seekable stream that answers its first read (the SDK's content check) with a WAV header, then whose
    /// reads wait until the test ends (a stalled upload).</summary>
    private sealed class GatedSeekableStream(int length) : Stream
    {
        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        private bool _checked;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_checked)
            {
                _checked = true;
                var header = TestAudio.WavHeader(length - TestAudio.WavHeaderLength);
                var n = Math.Min(buffer.Length, header.Length);
                header.AsMemory(0, n).CopyTo(buffer);
                Position += n;
                return n;
            }

            ReadStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin == SeekOrigin.Begin ? offset : throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    internal static (PyannoteTestKit Kit, Storage Storage) SetupShared() => Setup();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PyannoteMemoryMeasurement
{
    public const string Name = "PyannoteAI memory measurement";
}

/// <summary>Measured harness (runs alone, so other tests do not disturb the numbers): prints what it measured.</summary>
[Collection(PyannoteMemoryMeasurement.Name)]
public class PyannoteLargeUploadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_file_larger_than_256_MiB_streams_through_with_memory_growth_far_below_its_size()
    {
        const long size = 300L << 20;
        var (kit, storage) = PyannoteUploadTests.SetupShared();
        var path = PyannoteValidationTests.SparseFile(size);
        try
        {
            // Warm up the code path so JIT and pools are not counted.
            await kit.Client.UploadAsync(AudioInput.FromStream(new MemoryStream(TestAudio.Wav(1024)), "warm.wav"));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var peakBefore = process.PeakWorkingSet64;
            var workingBefore = process.WorkingSet64;
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            long maxWorking = workingBefore;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var self = Process.GetCurrentProcess();
                while (!stop.IsCancellationRequested)
                {
                    self.Refresh();
                    maxWorking = Math.Max(maxWorking, self.WorkingSet64);
                    await Task.Delay(5);
                }
            });

            var url = await kit.Client.UploadAsync(AudioInput.FromFile(path));

            sw.Stop();
            stop.Cancel();
            await sampler;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var managedAfter = GC.GetTotalMemory(forceFullCollection: false);
            process.Refresh();
            var peakGrowth = process.PeakWorkingSet64 - peakBefore;
            var workingGrowth = process.WorkingSet64 - workingBefore;

            output.WriteLine($"uploaded {storage.BytesReceived:N0} bytes ({size >> 20} MiB) in {sw.ElapsedMilliseconds} ms to {url}");
            output.WriteLine($"managed heap: before {managedBefore:N0}, after {managedAfter:N0}, growth {managedAfter - managedBefore:N0} bytes");
            output.WriteLine($"allocated during upload: {allocated:N0} bytes");
            output.WriteLine($"working set: before {workingBefore:N0}, highest sampled during upload {maxWorking:N0} (growth {maxWorking - workingBefore:N0}), after {workingBefore + workingGrowth:N0} bytes; PeakWorkingSet64 growth {peakGrowth:N0} bytes");

            Assert.Equal(size, storage.BytesReceived);
            Assert.Equal(size, storage.DeclaredLength);
            Assert.True(allocated < size / 16, $"allocated {allocated:N0} bytes for a {size:N0}-byte upload");
            Assert.True(maxWorking - workingBefore < size / 4, $"working set grew {maxWorking - workingBefore:N0} bytes for a {size:N0}-byte upload");
        }
        finally
        {
            File.Delete(path);
        }

        Assert.False(File.Exists(path));
    }
}

public class PyannoteUploadAuthTests
{
    [Fact]
    public async Task A_presigned_url_under_the_client_endpoint_still_gets_no_api_key()
    {
        // The local emulator serves uploads from its own host, under the client's endpoint.
        var kit = new PyannoteTestKit();
        kit.Mock.When(HttpMethod.Post, "https://api.pyannote.ai/v1/media/input")
            .Respond(_ => PyannoteTestKit.Json("{\"url\":\"https://api.pyannote.ai/upload/obj?token=t\"}", System.Net.HttpStatusCode.Created));
        kit.Mock.When(HttpMethod.Put, "https://api.pyannote.ai/upload/obj").Respond(System.Net.HttpStatusCode.OK);

        var audio = TestAudio.WavWith(new byte[7]);
        await kit.Client.UploadAsync(AudioInput.FromStream(new MemoryStream(audio), "a.wav"));

        Assert.NotNull(kit.Requests[0].Authorization);
        Assert.Equal(HttpMethod.Put, kit.Requests[1].Method);
        Assert.Null(kit.Requests[1].Authorization);
        Assert.Equal(audio.Length, kit.Requests[1].ContentLength);
    }
}
