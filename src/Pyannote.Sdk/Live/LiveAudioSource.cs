using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pyannote.Sdk.Live;

/// <summary>
/// Audio for a live session, in one of three forms: a stream of raw PCM with a declared <see cref="LiveAudioFormat"/>,
/// an asynchronous sequence of PCM chunks (for example from a capture device), or a WAV file or stream (16/24/32-bit
/// integer or 32-bit float PCM, any rate and channel count). The SDK converts it to each vendor's format, cuts it into
/// the vendor's frames and, for recorded audio, paces it at real time. A source is read once.
/// </summary>
public sealed class LiveAudioSource
{
    private const int ReadBytes = 16 * 1024;
    private readonly Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> _chunks;
    private readonly Func<CancellationToken, ValueTask<LiveAudioFormat>> _format;
    private readonly string _description;
    private int _used;

    private LiveAudioSource(Func<CancellationToken, ValueTask<LiveAudioFormat>> format, Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> chunks, string description)
    {
        _format = format;
        _chunks = chunks;
        _description = description;
    }

    /// <summary>Raw PCM (no header) read from a stream until its end.</summary>
    /// <param name="pcm">The stream; read from its current position.</param>
    /// <param name="format">Sample rate, channels and encoding of the bytes.</param>
    /// <param name="leaveOpen">Whether to leave the stream open when the session ends.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read.</exception>
    public static LiveAudioSource FromPcmStream(Stream pcm, LiveAudioFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        ArgumentNullException.ThrowIfNull(format);
        if (!pcm.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(pcm));
        }

        return new LiveAudioSource(_ => ValueTask.FromResult(format), ct => ReadStreamAsync(pcm, long.MaxValue, leaveOpen, ct), $"PCM stream ({Describe(format)})");
    }

    /// <summary>Raw PCM (no header) delivered as chunks of any size, for example by a capture device. Chunks need not
    /// hold whole sample frames: a partial frame is carried over to the next chunk.</summary>
    /// <param name="chunks">The chunks; the session ends when the sequence does.</param>
    /// <param name="format">Sample rate, channels and encoding of the bytes.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LiveAudioSource FromPcmChunks(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, LiveAudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(format);
        return new LiveAudioSource(_ => ValueTask.FromResult(format), ct => WithCancellation(chunks, ct), $"PCM chunks ({Describe(format)})");
    }

    /// <summary>A WAV file (RIFF/WAVE with PCM or IEEE-float samples).</summary>
    /// <param name="path">Path of the file.</param>
    /// <returns>The source; the file is opened when the session starts.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or the file does not exist.</exception>
    public static LiveAudioSource FromWavFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"No such file: '{path}'.", nameof(path));
        }

        Stream? opened = null;
        WavHeader? header = null;
        return new LiveAudioSource(
            async ct =>
            {
                opened = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBytes, useAsync: true);
                header = await WavHeader.ReadAsync(opened, nameof(path), ct).ConfigureAwait(false);
                return header.Format;
            },
            ct => ReadStreamAsync(opened!, header!.DataLength, leaveOpen: false, ct),
            $"WAV file '{Path.GetFileName(path)}'");
    }

    /// <summary>A WAV stream (RIFF/WAVE with PCM or IEEE-float samples), read from its current position; a streamed WAV
    /// whose data length is unknown (<c>0xFFFFFFFF</c> or 0) is read until the end of the stream.</summary>
    /// <param name="wav">The stream.</param>
    /// <param name="leaveOpen">Whether to leave the stream open when the session ends.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="wav"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read.</exception>
    public static LiveAudioSource FromWavStream(Stream wav, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(wav);
        if (!wav.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(wav));
        }

        WavHeader? header = null;
        return new LiveAudioSource(
            async ct =>
            {
                header = await WavHeader.ReadAsync(wav, nameof(wav), ct).ConfigureAwait(false);
                return header.Format;
            },
            ct => ReadStreamAsync(wav, header!.DataLength, leaveOpen, ct),
            "WAV stream");
    }

    /// <inheritdoc />
    public override string ToString() => _description;

    /// <summary>Reads the source as mono float samples at <paramref name="sampleRate"/>, in chunks of any size.</summary>
    /// <exception cref="InvalidOperationException">The source was already read.</exception>
    internal async IAsyncEnumerable<float[]> ReadMonoAsync(int sampleRate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _used, 1) != 0)
        {
            throw new InvalidOperationException("A live audio source can be read only once; create a new one for each session.");
        }

        var format = await _format(cancellationToken).ConfigureAwait(false);
        var resampler = new Resampler(format.SampleRate, sampleRate);
        var carry = new byte[format.BlockAlign];
        var carried = 0;
        float[] decoded = [];
        await foreach (var chunk in _chunks(cancellationToken).ConfigureAwait(false))
        {
            var bytes = chunk.Span;
            var frames = (carried + bytes.Length) / format.BlockAlign;
            if (frames == 0)
            {
                bytes.CopyTo(carry.AsSpan(carried));
                carried += bytes.Length;
                continue;
            }

            if (decoded.Length < frames)
            {
                decoded = new float[Math.Max(frames, decoded.Length * 2)];
            }

            var written = 0;
            if (carried > 0)
            {
                var fill = format.BlockAlign - carried;
                bytes[..fill].CopyTo(carry.AsSpan(carried));
                written += PcmConversion.DecodeMono(carry, format, decoded);
                bytes = bytes[fill..];
                carried = 0;
            }

            var whole = bytes.Length / format.BlockAlign * format.BlockAlign;
            written += PcmConversion.DecodeMono(bytes[..whole], format, decoded.AsSpan(written));
            bytes[whole..].CopyTo(carry);
            carried = bytes.Length - whole;
            var output = resampler.Process(decoded.AsSpan(0, written));
            if (output.Length > 0)
            {
                yield return output;
            }
        }

        var tail = resampler.Flush();
        if (tail.Length > 0)
        {
            yield return tail;
        }
    }

    private static string Describe(LiveAudioFormat format) => $"{format.SampleRate} Hz, {format.Channels} ch, {format.Encoding}";

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> WithCancellation(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadStreamAsync(Stream stream, long length, bool leaveOpen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[ReadBytes];
            var remaining = length;
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    yield break;
                }

                remaining -= read;
                yield return buffer.AsMemory(0, read);
            }
        }
        finally
        {
            if (!leaveOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The parts of a RIFF/WAVE header a live session needs.</summary>
    internal sealed record WavHeader(LiveAudioFormat Format, long DataLength)
    {
        private const int MaxChunksBeforeData = 64;

        public static async Task<WavHeader> ReadAsync(Stream stream, string parameterName, CancellationToken cancellationToken)
        {
            var head = new byte[12];
            if (!await ReadFullyAsync(stream, head, cancellationToken).ConfigureAwait(false)
                || !head.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !head.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            {
                throw new ArgumentException("The audio is not a WAV (RIFF/WAVE) file.", parameterName);
            }

            LiveAudioFormat? format = null;
            var chunk = new byte[8];
            for (int i = 0; i < MaxChunksBeforeData; i++)
            {
                if (!await ReadFullyAsync(stream, chunk, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                var length = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
                if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
                {
                    if (length is < 16 or > 1024)
                    {
                        throw new ArgumentException("The WAV 'fmt ' chunk is malformed.", parameterName);
                    }

                    var fmt = new byte[length + (length & 1)];
                    if (!await ReadFullyAsync(stream, fmt, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    format = ParseFormat(fmt, parameterName);
                }
                else if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
                {
                    if (format is null)
                    {
                        throw new ArgumentException("The WAV file has no 'fmt ' chunk before its data.", parameterName);
                    }

                    // 0xFFFFFFFF or 0: a streamed WAV whose length was unknown when the header was written.
                    long dataLength = length is 0 or uint.MaxValue ? long.MaxValue : length;
                    return new WavHeader(format, dataLength);
                }
                else
                {
                    await SkipAsync(stream, length + (length & 1), cancellationToken).ConfigureAwait(false);
                }
            }

            throw new ArgumentException("The WAV file has no 'data' chunk.", parameterName);
        }

        private static LiveAudioFormat ParseFormat(ReadOnlySpan<byte> fmt, string parameterName)
        {
            int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
            var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
            var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
            if (tag == 0xFFFE && fmt.Length >= 26)
            {
                tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // WAVE_FORMAT_EXTENSIBLE: the sub-format's tag
            }

            LiveSampleEncoding? encoding = (tag, bits) switch
            {
                (1, 16) => LiveSampleEncoding.Pcm16,
                (1, 24) => LiveSampleEncoding.Pcm24,
                (1, 32) => LiveSampleEncoding.Pcm32,
                (3, 32) => LiveSampleEncoding.Float32,
                _ => null,
            };
            if (encoding is null)
            {
                throw new ArgumentException($"WAV sample format {tag} with {bits} bits is not supported; use 16-, 24- or 32-bit integer PCM or 32-bit float.", parameterName);
            }

            try
            {
                return new LiveAudioFormat(rate, channels, encoding.Value);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentException($"The WAV header declares an unsupported rate or channel count ({rate} Hz, {channels} channels).", parameterName, e);
            }
        }

        private static async Task<bool> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                total += read;
            }

            return true;
        }

        private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
        {
            if (stream.CanSeek)
            {
                stream.Seek(count, SeekOrigin.Current);
                return;
            }

            var scratch = new byte[4096];
            while (count > 0)
            {
                var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, count)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                count -= read;
            }
        }
    }
}
