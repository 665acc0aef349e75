// One source file, compiled into the SDK (which refuses unrecognised audio before sending it) and into the emulator
// (which answers unrecognised audio the way each vendor does); the emulator does not reference the SDK.
#if SPEECH_EMULATOR
namespace Pyannote.Sdk.Emulator.Internal;
#else
namespace Pyannote.Sdk.Http;
#endif

/// <summary>
/// Recognises audio and video containers by their first bytes ("magic numbers"). This is a sanity check, not a decoder:
/// it tells a text file, an empty file or random bytes from a container a vendor can decode. Every format any of the
/// four vendors accepts is here (vendor-apis.md §1.9, §2.5, §3.6, §4.2), plus a few common ones FFmpeg-based services
/// decode.
/// </summary>
internal static class AudioSignatures
{
    /// <summary>Bytes read from the start of an input to recognise it.</summary>
    public const int PrefixLength = 64;

    /// <summary>The containers recognised, for messages.</summary>
    public const string Recognised = "WAV (RIFF, RF64, BW64, W64), MP3, FLAC, OGG (Opus, Vorbis), M4A/MP4/MOV/3GP, WebM/Matroska, AAC (ADTS), AMR, AIFF, CAF and WMA/ASF";

    /// <summary>The container the bytes start with, or <see langword="null"/> when none is recognised.</summary>
    /// <param name="prefix">The first bytes of the input (up to <see cref="PrefixLength"/>; fewer if the input is shorter).</param>
    public static string? Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 12 && prefix[8..12].SequenceEqual("WAVE"u8)
            && (prefix.StartsWith("RIFF"u8) || prefix.StartsWith("RIFX"u8) || prefix.StartsWith("RF64"u8) || prefix.StartsWith("BW64"u8)))
        {
            return "WAV";
        }

        // Sony Wave64: the RIFF GUID, then the WAVE GUID at offset 24.
        if (prefix.Length >= 40 && prefix.StartsWith(W64Riff) && prefix[24..40].SequenceEqual(W64Wave))
        {
            return "WAV (Wave64)";
        }

        if (prefix.StartsWith("fLaC"u8))
        {
            return "FLAC";
        }

        if (prefix.StartsWith("OggS"u8))
        {
            return "OGG";
        }

        if (prefix.StartsWith("ID3"u8) && prefix.Length >= 10 && prefix[3] is >= 2 and <= 4)
        {
            return "MP3 (ID3-tagged)";
        }

        if (prefix.StartsWith(Ebml))
        {
            return "WebM/Matroska";
        }

        // ISO base media (MP4, M4A, 3GP) starts with an ftyp box; older QuickTime files with moov, mdat, wide or free.
        if (prefix.Length >= 8)
        {
            var box = prefix[4..8];
            if (box.SequenceEqual("ftyp"u8))
            {
                return "MP4/M4A/MOV";
            }

            if (box.SequenceEqual("moov"u8) || box.SequenceEqual("mdat"u8) || box.SequenceEqual("wide"u8) || box.SequenceEqual("free"u8))
            {
                return "QuickTime/MOV";
            }
        }

        if (prefix.StartsWith("#!AMR"u8))
        {
            return "AMR";
        }

        if (prefix.Length >= 12 && prefix.StartsWith("FORM"u8) && (prefix[8..12].SequenceEqual("AIFF"u8) || prefix[8..12].SequenceEqual("AIFC"u8)))
        {
            return "AIFF";
        }

        if (prefix.StartsWith("caff"u8))
        {
            return "CAF";
        }

        if (prefix.StartsWith(AsfHeader))
        {
            return "WMA/ASF";
        }

        return prefix.Length >= 4 && prefix[0] == 0xFF ? FrameSync(prefix) : null;
    }

    /// <summary>Whether the bytes look like text (printable ASCII or UTF-8, with line breaks), to say so in a message.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            return false;
        }

        foreach (var b in prefix)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An MPEG audio frame header (MP3, MP2) or an AAC ADTS header: 11 or 12 sync bits, then valid fields.</summary>
    private static string? FrameSync(ReadOnlySpan<byte> p)
    {
        if ((p[1] & 0xF6) == 0xF0)
        {
            // ADTS: 12 sync bits, layer 00; the sampling-frequency index must not be one of the reserved 13-15.
            return ((p[2] >> 2) & 0x0F) <= 12 ? "AAC (ADTS)" : null;
        }

        if ((p[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var version = (p[1] >> 3) & 0x03; // 01 is reserved
        var layer = (p[1] >> 1) & 0x03; // 00 is reserved
        var bitrate = p[2] >> 4; // 1111 is invalid
        var sampleRate = (p[2] >> 2) & 0x03; // 11 is reserved
        return version != 1 && layer != 0 && bitrate != 0x0F && sampleRate != 0x03 ? "MP3 (MPEG audio)" : null;
    }

    private static ReadOnlySpan<byte> W64Riff => [0x72, 0x69, 0x66, 0x66, 0x2E, 0x91, 0xCF, 0x11, 0xA5, 0xD6, 0x28, 0xDB, 0x04, 0xC1, 0x00, 0x00];

    private static ReadOnlySpan<byte> W64Wave => [0x77, 0x61, 0x76, 0x65, 0xF3, 0xAC, 0xD3, 0x11, 0x8C, 0xD1, 0x00, 0xC0, 0x4F, 0x8E, 0xDB, 0x8A];

    private static ReadOnlySpan<byte> Ebml => [0x1A, 0x45, 0xDF, 0xA3];

    private static ReadOnlySpan<byte> AsfHeader => [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11];
}
