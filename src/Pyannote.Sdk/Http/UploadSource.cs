using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;

namespace Pyannote.Sdk.Http;

/// <summary>
/// A local input opened for upload: seekable, of known length, re-readable for every attempt. A file is opened once,
/// before anything is sent, and read by offset for every attempt; a caller's seekable stream is rewound to its starting position; a non-seekable stream is spooled once to a
/// temporary file that is deleted on dispose. Nothing is buffered whole in memory.
/// </summary>
internal sealed class UploadSource : IAsyncDisposable
{
    private const int BufferSize = 81920;
    private readonly SafeFileHandle? _file;
    private readonly Stream? _stream;
    private readonly long _streamStart;
    private readonly FileStream? _spool;

    private UploadSource(SafeFileHandle? file, Stream? stream, FileStream? spool, long length, string fileName, string contentType)
    {
        _file = file;
        _stream = stream;
        _streamStart = stream?.Position ?? 0;
        _spool = spool;
        Length = length;
        FileName = fileName;
        ContentType = contentType;
    }

    public long Length { get; }

    public string FileName { get; }

    public string ContentType { get; }

    /// <summary>
    /// Opens a local input before anything is sent: a file must be a regular file (see <see cref="LocalAudioFile"/>) and is
    /// opened here, its handle kept for every attempt; a non-seekable stream is spooled. Unless the input opted out
    /// (<see cref="AudioInput.WithoutFormatCheck"/>), the content must not be empty and must start like a recognised
    /// container; the bytes read to check it are read again for the upload (nothing is lost from a stream).
    /// </summary>
    public static async Task<UploadSource> OpenAsync(AudioInput input, SpeechVendor vendor, long maxBytes, string paramName, CancellationToken cancellationToken)
    {
        var fileName = input.FileName ?? "audio";
        var contentType = input.ContentType ?? MediaTypes.FromFileName(fileName);
        switch (input.Kind)
        {
            case AudioInputKind.File:
                var info = LocalAudioFile.Resolve(input.FilePath!, paramName);
                EnsureWithin(info.Length, maxBytes, vendor, paramName);
                var handle = LocalAudioFile.Open(info);
                try
                {
                    var fileLength = RandomAccess.GetLength(handle);
                    EnsureWithin(fileLength, maxBytes, vendor, paramName);
                    if (input.ChecksFormat)
                    {
                        var prefix = new byte[Math.Min(AudioSignatures.PrefixLength, fileLength)];
                        var read = await ReadPrefixAsync(m => RandomAccess.ReadAsync(handle, m, prefix.Length - m.Length, cancellationToken), prefix).ConfigureAwait(false);
                        CheckContent(prefix.AsSpan(0, read), fileLength, input, paramName);
                    }

                    return new UploadSource(handle, null, null, fileLength, fileName, contentType);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }

            case AudioInputKind.Stream when input.Stream!.CanSeek:
                var stream = input.Stream;
                var start = stream.Position;
                var length = stream.Length - start;
                EnsureWithin(length, maxBytes, vendor, paramName);
                if (input.ChecksFormat)
                {
                    var prefix = new byte[Math.Min(AudioSignatures.PrefixLength, length)];
                    var read = await ReadPrefixAsync(m => stream.ReadAsync(m, cancellationToken), prefix).ConfigureAwait(false);
                    stream.Position = start;
                    CheckContent(prefix.AsSpan(0, read), length, input, paramName);
                }

                return new UploadSource(null, stream, null, length, fileName, contentType);

            case AudioInputKind.Stream:
                var spool = await SpoolAsync(input.Stream!, vendor, maxBytes, paramName, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (input.ChecksFormat)
                    {
                        var prefix = new byte[AudioSignatures.PrefixLength];
                        var read = await ReadPrefixAsync(m => spool.ReadAsync(m, cancellationToken), prefix).ConfigureAwait(false);
                        spool.Position = 0;
                        CheckContent(prefix.AsSpan(0, read), spool.Length, input, paramName);
                    }
                }
                catch
                {
                    await spool.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                return new UploadSource(null, spool, spool, spool.Length, fileName, contentType);

            default:
                throw new ArgumentException("A URL input has nothing to upload.", paramName);
        }
    }

    /// <summary>Refuses empty content and content that starts like no recognised container.</summary>
    internal static void CheckContent(ReadOnlySpan<byte> prefix, long length, AudioInput input, string paramName)
    {
        var what = input.Kind == AudioInputKind.File ? $"file '{input.FileName}'" : $"stream '{input.FileName}'";
        var create = input.Kind == AudioInputKind.File ? "AudioInput.FromFile(path)" : "AudioInput.FromStream(stream, fileName)";
        if (length == 0 || prefix.IsEmpty)
        {
            throw new ArgumentException($"The audio {what} (parameter '{paramName}') is empty (0 bytes); there is no audio to send.", paramName);
        }

        if (AudioSignatures.Detect(prefix) is null)
        {
            var text = AudioSignatures.LooksLikeText(prefix) ? " It looks like text, not audio." : string.Empty;
            throw new ArgumentException(
                $"The audio {what} (parameter '{paramName}') does not start like any audio or video container the SDK recognises ({AudioSignatures.Recognised}).{text} " +
                $"If it is audio in another format that the vendor decodes, pass {create}.WithoutFormatCheck() to send it unchecked.",
                paramName);
        }
    }

    private static async Task<int> ReadPrefixAsync(Func<Memory<byte>, ValueTask<int>> read, byte[] prefix)
    {
        var total = 0;
        int n;
        while (total < prefix.Length && (n = await read(prefix.AsMemory(total)).ConfigureAwait(false)) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>Creates fresh content for one attempt: the bytes with an explicit Content-Length and the content type.</summary>
    public HttpContent CreateContent(bool setContentType = true)
    {
        var content = new ReplayableContent(OpenRead, Length) { Progress = CallScope.Current?.Options?.UploadProgress };
        if (setContentType)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        return content;
    }

    public ValueTask DisposeAsync()
    {
        _file?.Dispose();
        return _spool?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private Stream OpenRead()
    {
        if (_file is not null)
        {
            return new FileHandleStream(_file, Length);
        }

        _stream!.Position = _streamStart;
        return new NonDisposingStream(_stream);
    }

    private static void EnsureWithin(long length, long maxBytes, SpeechVendor vendor, string paramName)
    {
        if (length > maxBytes)
        {
            throw new ArgumentException($"The audio is {length:N0} bytes; {vendor.DisplayName()} accepts at most {maxBytes:N0} bytes ({MediaTypes.FormatSize(maxBytes)}) for this operation.", paramName);
        }
    }

    private static async Task<FileStream> SpoolAsync(Stream source, SpeechVendor vendor, long maxBytes, string paramName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "pyannote-sdk-" + Guid.NewGuid().ToString("N") + ".upload");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[BufferSize];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                EnsureWithin(total, maxBytes, vendor, paramName);
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await spool.FlushAsync(cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the kept file handle from offset 0 to the length measured when it was opened, by offset (every
    /// attempt gets its own position); disposing it leaves the handle open for the next attempt.</summary>
    private sealed class FileHandleStream(SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, length - _position)], _position);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer[..(int)Math.Min(buffer.Length, length - _position)], _position, cancellationToken).ConfigureAwait(false);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Lets content dispose its stream without closing the caller's stream or the spool file.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// Request content that opens a fresh stream every time it is serialised, so a retry re-sends the whole body instead
/// of a consumed stream. Reports an exact length, so uploads carry Content-Length rather than chunked encoding.
/// </summary>
internal sealed class ReplayableContent : HttpContent
{
    private const int BufferSize = 81920;
    private readonly Func<Stream> _open;
    private readonly long _length;

    public ReplayableContent(Func<Stream> open, long length)
    {
        _open = open;
        _length = length;
    }

    /// <summary>How many times the body has started to be written to a connection.</summary>
    public int SerializationCount { get; private set; }

    /// <summary>Receives progress while the body is written, at most every <see cref="ProgressInterval"/> and once at the end.</summary>
    public IProgress<UploadProgress>? Progress { get; init; }

    /// <summary>The shortest time between two progress reports.</summary>
    internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        SerializationCount++;
        await using var source = _open();
        // A pooled buffer: every upload (and every retry of it) would otherwise allocate 80 KB that the GC must clear.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var lastReport = started;
        long sent = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                if (Progress is not null && System.Diagnostics.Stopwatch.GetElapsedTime(lastReport) >= ProgressInterval && sent < _length)
                {
                    lastReport = System.Diagnostics.Stopwatch.GetTimestamp();
                    Progress.Report(new UploadProgress(sent, _length, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
                }
            }

            Progress?.Report(new UploadProgress(sent, _length, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
