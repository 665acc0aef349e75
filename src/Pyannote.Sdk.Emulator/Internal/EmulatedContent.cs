using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Pyannote.Sdk.Emulator.Internal;

internal sealed record EmulatedWord(string Text, double Start, double End, int Speaker);

internal sealed record EmulatedTurn(int Speaker, double Start, double End, IReadOnlyList<EmulatedWord> Words)
{
    public string Text => string.Join(' ', Words.Select(w => w.Text));
}

/// <summary>The emulator's answer for one audio input, before it is shaped into a vendor's wire format.</summary>
internal sealed class EmulatedContent
{
    public EmulatedContent(double duration, string language, IReadOnlyList<EmulatedTurn> turns, string origin, string? fileName, long? fileSize, string? undecodable = null)
    {
        Undecodable = undecodable;
        Duration = duration;
        Language = language;
        Turns = turns;
        Origin = origin;
        FileName = fileName;
        FileSize = fileSize;
    }

    public double Duration { get; }
    public string Language { get; }
    public IReadOnlyList<EmulatedTurn> Turns { get; }
    /// <summary><c>sidecar</c>, <c>energy</c> or <c>synthetic</c>.</summary>
    public string Origin { get; }
    public string? FileName { get; }
    public long? FileSize { get; }
    /// <summary>Why the input cannot be decoded as audio (empty, or no recognised container); null for audio. Each vendor
    /// answers it its own way: a 400, or a failed job.</summary>
    public string? Undecodable { get; }
    public IEnumerable<EmulatedWord> Words => Turns.SelectMany(t => t.Words);
    public int SpeakerCount => Turns.Count == 0 ? 0 : Turns.Max(t => t.Speaker) + 1;
    public string Text => string.Join(' ', Turns.Select(t => t.Text));

    /// <summary>Relabels speakers so the count honours numSpeakers / minSpeakers / maxSpeakers (pyannote, Together hints).</summary>
    public EmulatedContent WithSpeakerCount(int? exact, int? min, int? max, out string? warning)
    {
        warning = null;
        var detected = SpeakerCount;
        if (detected == 0)
        {
            return this;
        }

        var target = exact ?? Math.Clamp(detected, min ?? 1, Math.Max(min ?? 1, max ?? int.MaxValue));
        if (target == detected)
        {
            return this;
        }

        if (target > Turns.Count)
        {
            warning = $"Requested {target} speakers but only {Turns.Count} speech turns were found; returning {Turns.Count} speakers.";
            target = Turns.Count;
        }
        var turns = new List<EmulatedTurn>(Turns.Count);
        for (int i = 0; i < Turns.Count; i++)
        {
            var speaker = target < detected ? Turns[i].Speaker % target : i % target;
            turns.Add(Relabel(Turns[i], speaker));
        }
        return new EmulatedContent(Duration, Language, turns, Origin, FileName, FileSize);
    }

    private static EmulatedTurn Relabel(EmulatedTurn turn, int speaker) =>
        new(speaker, turn.Start, turn.End, turn.Words.Select(w => w with { Speaker = speaker }).ToList());

    /// <summary>
    /// Placeholder words spread evenly over a span, about 2.5 words a second. They read as placeholders
    /// (<c>[word-12]</c>) and are numbered through the whole transcript from <paramref name="firstNumber"/>, so no word
    /// repeats within a turn or across a turn boundary (a merge or a turn split can be checked word by word).
    /// </summary>
    public static List<EmulatedWord> PlaceholderWords(double start, double end, int speaker, int firstNumber)
    {
        var count = Math.Max(1, (int)Math.Round((end - start) * 2.5));
        var slot = (end - start) / count;
        var words = new List<EmulatedWord>(count);
        for (int i = 0; i < count; i++)
        {
            var s = start + i * slot;
            words.Add(new EmulatedWord(PlaceholderWord(firstNumber + i), Round(s), Round(s + slot * 0.85), speaker));
        }
        return words;
    }

    /// <summary>The placeholder for word number <paramref name="number"/> (1-based) of a transcript.</summary>
    public static string PlaceholderWord(int number) => "[word-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public static double Round(double seconds) => Math.Round(seconds, 3);
}

/// <summary>Turns files and URLs into <see cref="EmulatedContent"/>: sidecar transcripts first, then the energy detector,
/// then a synthetic two-speaker answer for inputs the emulator cannot read.</summary>
internal sealed class ContentLibrary
{
    private readonly ConcurrentDictionary<string, EmulatedContent> _cache = new();
    private readonly Dictionary<string, string> _sidecarsByHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sidecarsByName = new(StringComparer.OrdinalIgnoreCase);

    public ContentLibrary(IEnumerable<string> directories)
    {
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var sidecar in Directory.EnumerateFiles(directory, "*.transcript.json", SearchOption.AllDirectories))
            {
                var audio = sidecar[..^".transcript.json".Length];
                if (!File.Exists(audio))
                {
                    continue;
                }

                _sidecarsByHash[HashFile(audio)] = sidecar;
                _sidecarsByName[Path.GetFileName(audio)] = sidecar;
            }
        }
    }

    public int IndexedCount => _sidecarsByHash.Count;

    /// <summary>Audio files that have a sidecar (live sessions match their first second against these).</summary>
    public IEnumerable<string> IndexedAudioFiles => _sidecarsByName.Values.Select(s => s[..^".transcript.json".Length]).Distinct(StringComparer.Ordinal);

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Content of a stored or uploaded file. <paramref name="sha256"/> may be null (it is then computed).</summary>
    public EmulatedContent FromFile(string path, string? sha256, string? fileName)
    {
        sha256 ??= HashFile(path);
        return _cache.GetOrAdd(sha256 + "|" + fileName, _ =>
        {
            var size = new FileInfo(path).Length;
            if (Undecodable(path, size) is { } problem)
            {
                return new EmulatedContent(0, "en", [], "undecodable", fileName, size, problem);
            }

            var analysis = AudioAnalyzer.Analyze(path);
            string? sidecar = null;
            if (!_sidecarsByHash.TryGetValue(sha256, out sidecar) && fileName is not null)
            {
                _sidecarsByName.TryGetValue(Path.GetFileName(fileName), out sidecar);
            }

            if (sidecar is null && File.Exists(path + ".transcript.json"))
            {
                sidecar = path + ".transcript.json";
            }

            if (sidecar is not null && TryReadSidecar(sidecar, analysis.Duration, fileName, size) is { } fromSidecar)
            {
                return fromSidecar;
            }

            return FromAnalysis(analysis, fileName, size);
        });
    }

    /// <summary>Empty input, or input whose first bytes are no audio or video container (the same recogniser the SDK
    /// uses before sending, so the emulator sees such input only when a client turned that check off).</summary>
    private static string? Undecodable(string path, long size)
    {
        if (size == 0)
        {
            return "The audio file is empty (0 bytes).";
        }

        Span<byte> prefix = stackalloc byte[AudioSignatures.PrefixLength];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        return AudioSignatures.Detect(prefix[..read]) is null ? "The file could not be decoded as audio: it is not in a supported audio or video format." : null;
    }

    /// <summary>Content for a URL the emulator cannot fetch: a deterministic synthetic conversation.</summary>
    public EmulatedContent Synthetic(string url)
    {
        return _cache.GetOrAdd("url|" + url, _ =>
        {
            var seed = (int)(BitConverter.ToUInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url))) % 97);
            var turns = new List<EmulatedTurn>();
            var next = 1;
            double t = 0.5;
            for (int i = 0; i < 4; i++)
            {
                var length = 3.5 + (seed + i * 7) % 5 * 0.5;
                var words = EmulatedContent.PlaceholderWords(t, t + length, i % 2, next);
                next += words.Count;
                turns.Add(new EmulatedTurn(i % 2, t, EmulatedContent.Round(t + length), words));
                t = EmulatedContent.Round(t + length + 0.6);
            }
            var name = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : null;
            return new EmulatedContent(EmulatedContent.Round(t + 0.4), "en", turns, "synthetic", string.IsNullOrEmpty(name) ? null : name, null);
        });
    }

    private static EmulatedContent FromAnalysis(AudioAnalysis analysis, string? fileName, long size)
    {
        var regions = analysis.Regions.ToList();
        if (regions.Count == 0 && analysis.Duration > 0.3)
        {
            // Non-PCM or silent input: pretend there are turns of about 4 s with 0.5 s pauses.
            for (double s = 0.2; s + 0.5 < analysis.Duration; s += 4.5)
            {
                regions.Add(new SpeechRegion(EmulatedContent.Round(s), EmulatedContent.Round(Math.Min(analysis.Duration - 0.1, s + 4)), 0));
            }
        }
        var speakers = AudioAnalyzer.AssignSpeakers(regions);
        var turns = new List<EmulatedTurn>(regions.Count);
        var next = 1;
        for (int i = 0; i < regions.Count; i++)
        {
            var words = EmulatedContent.PlaceholderWords(regions[i].Start, regions[i].End, speakers[i], next);
            next += words.Count;
            turns.Add(new EmulatedTurn(speakers[i], regions[i].Start, regions[i].End, words));
        }
        return new EmulatedContent(analysis.Duration, "en", turns, analysis.Regions.Count > 0 ? "energy" : "synthetic", fileName, size);
    }

    /// <summary>
    /// Sidecar format (written by eng/make-sample-audio.sh): <c>{ "language": "en", "segments": [ { "speaker", "start", "end", "text",
    /// "words": [ { "word", "start", "end" } ] } ] }</c>. Speaker labels are numbered in order of first appearance.
    /// Segments without words get their text split and spread over the segment.
    /// </summary>
    private static EmulatedContent? TryReadSidecar(string path, double duration, string? fileName, long size)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var language = root.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "en";
            var speakerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var turns = new List<EmulatedTurn>();
            foreach (var segment in root.GetProperty("segments").EnumerateArray())
            {
                var label = segment.GetProperty("speaker").GetString() ?? "?";
                if (!speakerIndex.TryGetValue(label, out var speaker))
                {
                    speakerIndex[label] = speaker = speakerIndex.Count;
                }

                var start = segment.GetProperty("start").GetDouble();
                var end = segment.GetProperty("end").GetDouble();
                var words = new List<EmulatedWord>();
                if (segment.TryGetProperty("words", out var w) && w.ValueKind == JsonValueKind.Array)
                {
                    foreach (var word in w.EnumerateArray())
                    {
                        var text = (word.TryGetProperty("word", out var t) ? t : word.GetProperty("text")).GetString() ?? "";
                        words.Add(new EmulatedWord(text, word.GetProperty("start").GetDouble(), word.GetProperty("end").GetDouble(), speaker));
                    }
                }
                else
                {
                    var tokens = (segment.GetProperty("text").GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var slot = (end - start) / Math.Max(1, tokens.Length);
                    for (int i = 0; i < tokens.Length; i++)
                    {
                        words.Add(new EmulatedWord(tokens[i], EmulatedContent.Round(start + i * slot), EmulatedContent.Round(start + (i + 1) * slot), speaker));
                    }
                }
                turns.Add(new EmulatedTurn(speaker, start, end, words));
            }
            if (duration <= 0 && root.TryGetProperty("duration", out var d))
            {
                duration = d.GetDouble();
            }

            return new EmulatedContent(duration, language, turns, "sidecar", fileName, size);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
