using System.Text;
using System.Text.Json;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.IntegrationTests.Emulator;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.IntegrationTests.Sdk;

/// <summary>
/// The real SDK clients pointed at a real emulator over loopback HTTP: one emulator per test (start-up takes a few
/// milliseconds), fast polling and short backoff so that the whole suite stays quick on the real clock.
/// </summary>
internal static class SdkTestKit
{
    public static string ConversationWav => EmulatorTestSupport.ConversationWav;

    /// <summary>An emulator without delays that knows the sample's sidecar transcript.</summary>
    public static Task<SpeechEmulator> StartAsync(Action<SpeechEmulatorOptions>? configure = null)
    {
        var options = EmulatorTestSupport.Options();
        configure?.Invoke(options);
        return SpeechEmulator.StartAsync(options);
    }

    /// <summary>Polls every 10–50 ms, retries after 10–50 ms when the vendor gives no Retry-After.</summary>
    public static T Configure<T>(T options, Uri endpoint, Action<T>? configure) where T : SpeechClientOptions
    {
        options.Endpoint = endpoint;
        options.JobWait = new JobWaitOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(10),
            MaxPollInterval = TimeSpan.FromMilliseconds(50),
            MaxWait = TimeSpan.FromSeconds(20),
        };
        options.Retry = new SpeechRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        options.NetworkTimeout = TimeSpan.FromSeconds(20);
        configure?.Invoke(options);
        return options;
    }

    public static PyannoteClient NewPyannote(SpeechEmulator emulator, Action<PyannoteClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new PyannoteClientOptions(), emulator.PyannoteEndpoint, configure));

    public static TogetherClient NewTogether(SpeechEmulator emulator, Action<TogetherClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new TogetherClientOptions(), emulator.TogetherEndpoint, configure));

    public static JigsawStackClient NewJigsawStack(SpeechEmulator emulator, Action<JigsawStackClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new JigsawStackClientOptions(), emulator.JigsawStackEndpoint, configure));

    public static NanoGptClient NewNanoGpt(SpeechEmulator emulator, Action<NanoGptClientOptions>? configure = null) =>
        new(emulator.ApiKey, Configure(new NanoGptClientOptions(), emulator.NanoGptEndpoint, configure));

    /// <summary>The sidecar of conversation.wav: every word in order, and the text of each of the 8 turns.</summary>
    public static Sidecar Expected { get; } = Sidecar.Load(ConversationWav + ".transcript.json");

    /// <summary>Lower case, letters and digits only: vendors differ on punctuation attached to words.</summary>
    public static string Normalize(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }

    public static IReadOnlyList<string> NormalizedWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(w => w.Length > 0).ToArray();

    /// <summary>Asserts the transcript carries the sidecar's words in order, attributed to exactly two speakers whose
    /// turns follow the sidecar's alternation.</summary>
    public static void AssertConversation(Transcript transcript, bool withSpeakers = true)
    {
        Assert.Equal(Expected.Words, transcript.Words.Select(w => Normalize(w.Text)).Where(w => w.Length > 0).ToArray());
        Assert.Equal(Expected.Words, NormalizedWords(transcript.Text));
        if (!withSpeakers)
        {
            return;
        }

        Assert.Equal(2, transcript.Speakers.Count);
        Assert.All(transcript.Words, w => Assert.False(string.IsNullOrEmpty(w.Speaker)));
        Assert.Equal(8, transcript.Turns.Count);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(Expected.TurnWords[i], NormalizedWords(transcript.Turns[i].Text));
            Assert.Equal(transcript.Speakers[i % 2], transcript.Turns[i].Speaker);
            Assert.InRange(transcript.Turns[i].Start.TotalSeconds, Expected.TurnStarts[i] - 0.05, Expected.TurnStarts[i] + 0.05);
        }
    }

    /// <summary>
    /// The emulator logs a request when its handling ends, which can be a moment after the client has read the
    /// response (or given up): wait for <paramref name="expected"/> matching entries, then a little longer to catch
    /// any extra one, and return the count. The wait is bounded by <see cref="LogWait"/>, a limit only a failing test
    /// reaches, so a loaded machine that logs late makes the test slower, never red.
    /// </summary>
    public static async Task<int> CountAsync(SpeechEmulator emulator, string path, string method, int expected)
    {
        await UntilAsync(() => emulator.CountRequests(path, method) >= expected);
        await Task.Delay(30);
        return emulator.CountRequests(path, method);
    }

    /// <summary>The log entries matching <paramref name="match"/>, once at least <paramref name="expected"/> are there (at most <see cref="LogWait"/>).</summary>
    public static async Task<IReadOnlyList<EmulatorRequest>> LoggedAsync(SpeechEmulator emulator, Func<EmulatorRequest, bool> match, int expected)
    {
        await UntilAsync(() => emulator.RequestLog.Count(match) >= expected);
        return emulator.RequestLog.Where(match).ToArray();
    }

    /// <summary>How long <see cref="CountAsync"/> and <see cref="LoggedAsync"/> wait for log entries that are due: the
    /// entries arrive within milliseconds on an idle machine; the limit is two orders of magnitude above that.</summary>
    public static TimeSpan LogWait { get; } = TimeSpan.FromSeconds(30);

    private static async Task UntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + LogWait;
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, before the wait goes on (Progress&lt;T&gt;
    /// posts to the thread pool, so a test could not act on a report before the next poll).</summary>
    public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    internal sealed record Sidecar(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> TurnWords, IReadOnlyList<double> TurnStarts, double Duration)
    {
        public static Sidecar Load(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var segments = document.RootElement.GetProperty("segments").EnumerateArray().ToArray();
            var turns = segments.Select(s => NormalizedWords(s.GetProperty("text").GetString()!)).ToArray();
            return new Sidecar(
                turns.SelectMany(t => t).ToArray(),
                turns,
                segments.Select(s => s.GetProperty("start").GetDouble()).ToArray(),
                document.RootElement.GetProperty("duration").GetDouble());
        }
    }
}
