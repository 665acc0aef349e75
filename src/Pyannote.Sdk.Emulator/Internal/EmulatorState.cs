using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>Everything the endpoints share: options, storage, content, jobs, logs, fault queue, webhooks.</summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly List<EmulatorRequest> _log = [];
    private readonly List<MutableRule> _faults = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _pyannoteWindows = new(StringComparer.Ordinal);
    private long _jigsawSecond;
    private int _jigsawCount;

    public EmulatorState(SpeechEmulatorOptions options)
    {
        Options = options;
        Storage = new EmulatorStorage(options.StorageDirectory);
        Content = new ContentLibrary(options.AudioLibraryDirectories);
        Webhooks = new WebhookDispatcher(options);
        foreach (var rule in options.Faults)
        {
            _faults.Add(new MutableRule(rule.Path, rule.Fault, rule.Count));
        }
    }

    public SpeechEmulatorOptions Options { get; }
    public EmulatorStorage Storage { get; }
    public ContentLibrary Content { get; }
    public WebhookDispatcher Webhooks { get; }
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1/");
    public ConcurrentDictionary<string, PyannoteJob> PyannoteJobs { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, NanoGptRun> NanoGptRuns { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public void Log(EmulatorRequest request)
    {
        lock (_log)
        {
            _log.Add(request);
        }
    }

    public IReadOnlyList<EmulatorRequest> RequestLogSnapshot()
    {
        lock (_log)
        {
            return _log.ToArray();
        }
    }

    public void ClearRequestLog()
    {
        lock (_log)
        {
            _log.Clear();
        }
    }

    public void EnqueueFault(EmulatorFaultRule rule)
    {
        lock (_faults)
        {
            _faults.Add(new MutableRule(rule.Path, rule.Fault, rule.Count));
        }
    }

    public string? DequeueFault(string path)
    {
        lock (_faults)
        {
            var rule = _faults.FirstOrDefault(r => r.Remaining > 0 && PathMatches(r.Path, path));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            if (rule.Remaining == 0)
            {
                _faults.Remove(rule);
            }

            return rule.Fault;
        }
    }

    /// <summary>Matches a rule or query path against a full request path (with vendor prefix).</summary>
    public static bool PathMatches(string pattern, string fullPath)
    {
        if (pattern == "*")
        {
            return true;
        }

        var relative = StripVendor(fullPath);
        if (pattern.EndsWith('*'))
        {
            var prefix = pattern[..^1];
            return fullPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || relative.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(pattern.TrimEnd('/'), fullPath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            || string.Equals(pattern.TrimEnd('/'), relative.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    public static string StripVendor(string fullPath)
    {
        foreach (var prefix in new[] { "/pyannote", "/together", "/jigsawstack", "/nanogpt" })
        {
            if (fullPath.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return fullPath[prefix.Length..];
            }
        }
        return fullPath;
    }

    /// <summary>Most per-key rate-limit windows kept; when full, windows with no request in the last minute are
    /// dropped, then the oldest. Only accepted keys get a window (see EmulatorPipeline), so this bounds
    /// <see cref="SpeechEmulatorOptions.AcceptAnyApiKey"/> runs too.</summary>
    internal const int MaxRateLimitWindows = 1024;

    /// <summary>Number of per-key pyannoteAI rate-limit windows held (for tests).</summary>
    internal int RateLimitWindowCount
    {
        get
        {
            lock (_pyannoteWindows)
            {
                return _pyannoteWindows.Count;
            }
        }
    }

    /// <summary>pyannoteAI sliding one-minute window per accepted key. Returns remaining after this request, or -1 when
    /// over the limit. Windows are keyed by a SHA-256 of the key, so a long key costs no more than a short one.</summary>
    public (int Remaining, DateTimeOffset Reset) TakePyannote(string key)
    {
        var now = Now;
        var id = KeyId(key);
        lock (_pyannoteWindows)
        {
            if (!_pyannoteWindows.TryGetValue(id, out var window))
            {
                if (_pyannoteWindows.Count >= MaxRateLimitWindows)
                {
                    EvictWindows(now);
                }

                _pyannoteWindows[id] = window = new Queue<DateTimeOffset>();
            }
            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromMinutes(1))
            {
                window.Dequeue();
            }

            var reset = (window.Count > 0 ? window.Peek() : now) + TimeSpan.FromMinutes(1);
            var limit = Options.PyannoteRequestsPerMinute;
            if (Options.EnforceRateLimits && window.Count >= limit)
            {
                return (-1, reset);
            }

            window.Enqueue(now);
            return (Math.Max(0, limit - window.Count), reset);
        }
    }

    /// <summary>What <see cref="TakePyannote"/> would report as remaining, without taking a request or creating a window.</summary>
    public int PeekPyannote(string key)
    {
        var now = Now;
        lock (_pyannoteWindows)
        {
            var used = _pyannoteWindows.TryGetValue(KeyId(key), out var window) ? window.Count(t => now - t < TimeSpan.FromMinutes(1)) : 0;
            return Math.Max(0, Options.PyannoteRequestsPerMinute - used);
        }
    }

    /// <summary>JigsawStack fixed one-second window. Returns remaining after this request, or -1 when over the limit.</summary>
    public (int Remaining, DateTimeOffset Reset) TakeJigsawStack()
    {
        var now = Now;
        var second = now.ToUnixTimeMilliseconds() / 1000;
        lock (_pyannoteWindows)
        {
            if (second != _jigsawSecond) { _jigsawSecond = second; _jigsawCount = 0; }
            var reset = DateTimeOffset.FromUnixTimeMilliseconds((second + 1) * 1000);
            var limit = Options.JigsawStackRequestsPerSecond;
            if (Options.EnforceRateLimits && _jigsawCount >= limit)
            {
                return (-1, reset);
            }

            _jigsawCount++;
            return (Math.Max(0, limit - _jigsawCount), reset);
        }
    }

    /// <summary>What <see cref="TakeJigsawStack"/> would report, without taking a request.</summary>
    public (int Remaining, DateTimeOffset Reset) PeekJigsawStack()
    {
        var second = Now.ToUnixTimeMilliseconds() / 1000;
        lock (_pyannoteWindows)
        {
            var used = second == _jigsawSecond ? _jigsawCount : 0;
            return (Math.Max(0, Options.JigsawStackRequestsPerSecond - used), DateTimeOffset.FromUnixTimeMilliseconds((second + 1) * 1000));
        }
    }

    private static string KeyId(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void EvictWindows(DateTimeOffset now)
    {
        foreach (var (id, window) in _pyannoteWindows.ToArray())
        {
            if (window.Count == 0 || now - window.Last() >= TimeSpan.FromMinutes(1))
            {
                _pyannoteWindows.Remove(id);
            }
        }
        if (_pyannoteWindows.Count < MaxRateLimitWindows)
        {
            return;
        }

        var oldest = _pyannoteWindows.MinBy(w => w.Value.Count == 0 ? DateTimeOffset.MinValue : w.Value.Last()).Key;
        _pyannoteWindows.Remove(oldest);
    }

    public bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && (Options.AcceptAnyApiKey || string.Equals(key, Options.ApiKey, StringComparison.Ordinal));

    /// <summary>Resolves an audio URL: media:// keys and the emulator's own storage URLs map to stored files; anything
    /// else is a placeholder the emulator cannot fetch (it never goes to the network) and gets synthetic content.
    /// Returns null for a media:// key that was never uploaded.</summary>
    public EmulatedContent? ResolveUrl(string url)
    {
        if (url.StartsWith("media://", StringComparison.Ordinal))
        {
            return Storage.TryGet("pyannote", url["media://".Length..], out var media)
                ? Content.FromFile(media.Path, media.Sha256, media.FileName ?? Path.GetFileName(url))
                : null;
        }
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.Port == BaseAddress.Port)
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            if (path.StartsWith("/storage/pyannote/", StringComparison.Ordinal) && Storage.TryGet("pyannote", path["/storage/pyannote/".Length..], out var p))
            {
                return Content.FromFile(p.Path, p.Sha256, p.FileName);
            }

            const string jigsawRead = "/jigsawstack/v1/store/file/read/";
            if (path.StartsWith(jigsawRead, StringComparison.Ordinal) && Storage.TryGet("jigsawstack", path[jigsawRead.Length..], out var j))
            {
                return Content.FromFile(j.Path, j.Sha256, j.FileName ?? path[jigsawRead.Length..]);
            }
        }
        return Content.Synthetic(url);
    }

    public void Dispose()
    {
        Webhooks.Dispose();
        Storage.Dispose();
    }

    private sealed class MutableRule(string path, string fault, int remaining)
    {
        public string Path { get; } = path;
        public string Fault { get; } = fault;
        public int Remaining { get; set; } = remaining;
    }
}
