using System.Buffers.Binary;

namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>
/// Bytes that pass the SDK's audio content check (not empty, a recognised container): a 44-byte PCM WAV header
/// (16 kHz, mono, 16-bit) and whatever follows. Tests that only care about the bytes on the wire still assert exactly the
/// bytes they sent; the header just makes them look like audio.
/// </summary>
public static class TestAudio
{
    public const int WavHeaderLength = 44;

    /// <summary>A WAV header declaring <paramref name="dataBytes"/> bytes of samples.</summary>
    public static byte[] WavHeader(int dataBytes = 0)
    {
        var h = new byte[WavHeaderLength];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(h.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), 16_000);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), 32_000);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), 16);
        "data"u8.CopyTo(h.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), (uint)dataBytes);
        return h;
    }

    /// <summary>A WAV header followed by <paramref name="payload"/> (e.g. a marker a test looks for on the wire).</summary>
    public static byte[] WavWith(ReadOnlySpan<byte> payload) => [.. WavHeader(payload.Length), .. payload];

    /// <summary>An ID3v2.4 tag header (as MP3 files start) followed by <paramref name="payload"/>.</summary>
    public static byte[] Id3With(ReadOnlySpan<byte> payload) => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, .. payload];

    /// <summary>A WAV file of exactly <paramref name="totalBytes"/> bytes (at least the header): silence after the header.</summary>
    public static byte[] Wav(int totalBytes = WavHeaderLength)
    {
        var bytes = new byte[Math.Max(totalBytes, WavHeaderLength)];
        WavHeader(bytes.Length - WavHeaderLength).CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Overwrites the first bytes of <paramref name="data"/> with a WAV header (same length) and returns it.</summary>
    public static byte[] Stamped(byte[] data)
    {
        if (data.Length < WavHeaderLength)
        {
            return WavWith(data);
        }

        WavHeader(data.Length - WavHeaderLength).CopyTo(data, 0);
        return data;
    }

    /// <summary>Writes a WAV header over the start of an existing file (sparse files stay sparse after it).</summary>
    public static string StampFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        var length = file.Length;
        file.Write(WavHeader((int)Math.Clamp(length - WavHeaderLength, 0, int.MaxValue)));
        return path;
    }
}
