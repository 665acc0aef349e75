using System.Buffers.Binary;

namespace Pyannote.Sdk.Live;

/// <summary>Sample-level conversions shared by every live protocol: decode any declared PCM format to mono floats,
/// encode floats to the vendors' wire encodings.</summary>
internal static class PcmConversion
{
    /// <summary>Decodes whole sample frames of <paramref name="source"/> into mono floats (channels averaged).</summary>
    /// <returns>The number of mono samples written to <paramref name="destination"/>.</returns>
    public static int DecodeMono(ReadOnlySpan<byte> source, LiveAudioFormat format, Span<float> destination)
    {
        var frames = source.Length / format.BlockAlign;
        var channels = format.Channels;
        var width = format.BytesPerSample;
        var scale = 1f / channels;
        for (int f = 0; f < frames; f++)
        {
            var frame = source.Slice(f * format.BlockAlign, format.BlockAlign);
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += ReadSample(frame.Slice(c * width, width), format.Encoding);
            }

            destination[f] = channels == 1 ? sum : sum * scale;
        }

        return frames;
    }

    private static float ReadSample(ReadOnlySpan<byte> bytes, LiveSampleEncoding encoding) => encoding switch
    {
        LiveSampleEncoding.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768f,
        LiveSampleEncoding.Pcm24 => ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) << 8 >> 8) / 8388608f,
        LiveSampleEncoding.Pcm32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0),
        _ => Sanitize(BinaryPrimitives.ReadSingleLittleEndian(bytes)),
    };

    private static float Sanitize(float value) => float.IsFinite(value) ? value : 0f;

    /// <summary>Writes <paramref name="samples"/> as little-endian float32 (<c>pcm_f32le</c>).</summary>
    public static void EncodeFloat32(ReadOnlySpan<float> samples, Span<byte> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], samples[i]);
        }
    }

    /// <summary>Writes <paramref name="samples"/> as little-endian 16-bit integers (<c>pcm_s16le</c>), clipping at full
    /// scale. A float that came from a 16-bit sample (<c>s / 32768</c>) converts back to the same integer.</summary>
    public static void EncodePcm16(ReadOnlySpan<float> samples, Span<byte> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            var scaled = MathF.Round(samples[i] * 32768f);
            var clipped = (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], clipped);
        }
    }
}
