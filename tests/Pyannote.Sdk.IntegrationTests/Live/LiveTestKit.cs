using System.Runtime.CompilerServices;
using Pyannote.Sdk.IntegrationTests.Sdk;
using Pyannote.Sdk.Live;

namespace Pyannote.Sdk.IntegrationTests.Live;

/// <summary>Helpers for live tests: the emulator runs without pacing (audio time, not wall time), the SDK sends
/// without pacing too, so a 30 s file streams in well under a second.</summary>
internal static class LiveTestKit
{
    public static LiveAudioSource Conversation() => LiveAudioSource.FromWavFile(SdkTestKit.ConversationWav);

    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> events, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>PCM chunks (16 kHz mono 16-bit) of <paramref name="seconds"/> of a 220 Hz tone, then the sequence
    /// waits forever (until canceled), like a microphone that keeps capturing.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> EndlessTone(double seconds, Action? onFirstRead = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        onFirstRead?.Invoke();
        var chunk = new byte[3200];
        for (int i = 0; i < chunk.Length / 2; i++)
        {
            var v = (short)(Math.Sin(2 * Math.PI * 220 * i / 16000.0) * 8000);
            chunk[2 * i] = (byte)v;
            chunk[2 * i + 1] = (byte)(v >> 8);
        }

        for (double t = 0; t < seconds; t += 0.1)
        {
            yield return chunk;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Sidecar turns of conversation.wav: (speaker label, start, end).</summary>
    public static IReadOnlyList<(string Speaker, double Start, double End)> SidecarTurns()
    {
        var root = Emulator.EmulatorTestSupport.Sidecar();
        return root.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("speaker").GetString()!, s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble()))
            .ToList();
    }
}
