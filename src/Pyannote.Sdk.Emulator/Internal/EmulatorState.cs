using System.Security.Cryptography;
using System.Text;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>Everything the endpoints share: options, storage, content, jobs, logs, fault queue, webhooks.</summary>
internal sealed partial class EmulatorState : IDisposable
{
    private readonly List<EmulatorRequest> _log = [];
    private readonly List<MutableRule> _faults = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _keyWindows = new(StringComparer.Ordinal);
    private long _currentSecond;
    private int _secondCount;

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
        foreach (var prefix in Vendor.All.Select(v => "/" + v.Key))
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

    /// <summary>Number of per-key rate-limit windows held (for tests).</summary>
    internal int RateLimitWindowCount
    {
        get
        {
            lock (_keyWindows)
            {
                return _keyWindows.Count;
            }
        }
    }

    /// <summary>A sliding one-minute window per accepted key, <paramref name="limit"/> requests each (pyannoteAI's kind).
    /// Returns remaining after this request, or -1 when over the limit. Windows are keyed by a SHA-256 of the key, so a
    /// long key costs no more than a short one.</summary>
    public (int Remaining, DateTimeOffset Reset) TakeKeyedMinute(string key, int limit)
    {
        var now = Now;
        var id = KeyId(key);
        lock (_keyWindows)
        {
            if (!_keyWindows.TryGetValue(id, out var window))
            {
                if (_keyWindows.Count >= MaxRateLimitWindows)
                {
                    EvictWindows(now);
                }

                _keyWindows[id] = window = new Queue<DateTimeOffset>();
            }
            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromMinutes(1))
            {
                window.Dequeue();
            }

            var reset = (window.Count > 0 ? window.Peek() : now) + TimeSpan.FromMinutes(1);
            if (Options.EnforceRateLimits && window.Count >= limit)
            {
                return (-1, reset);
            }

            window.Enqueue(now);
            return (Math.Max(0, limit - window.Count), reset);
        }
    }

    /// <summary>What <see cref="TakeKeyedMinute"/> would report as remaining, without taking a request or creating a window.</summary>
    public int PeekKeyedMinute(string key, int limit)
    {
        var now = Now;
        lock (_keyWindows)
        {
            var used = _keyWindows.TryGetValue(KeyId(key), out var window) ? window.Count(t => now - t < TimeSpan.FromMinutes(1)) : 0;
            return Math.Max(0, limit - used);
        }
    }

    /// <summary>A fixed one-second window for all keys, <paramref name="limit"/> requests each (JigsawStack's kind).
    /// Returns remaining after this request, or -1 when over the limit.</summary>
    public (int Remaining, DateTimeOffset Reset) TakeSecond(int limit)
    {
        var now = Now;
        var second = now.ToUnixTimeMilliseconds() / 1000;
        lock (_keyWindows)
        {
            if (second != _currentSecond) { _currentSecond = second; _secondCount = 0; }
            var reset = DateTimeOffset.FromUnixTimeMilliseconds((second + 1) * 1000);
            if (Options.EnforceRateLimits && _secondCount >= limit)
            {
                return (-1, reset);
            }

            _secondCount++;
            return (Math.Max(0, limit - _secondCount), reset);
        }
    }

    /// <summary>What <see cref="TakeSecond"/> would report, without taking a request.</summary>
    public (int Remaining, DateTimeOffset Reset) PeekSecond(int limit)
    {
        var second = Now.ToUnixTimeMilliseconds() / 1000;
        lock (_keyWindows)
        {
            var used = second == _currentSecond ? _secondCount : 0;
            return (Math.Max(0, limit - used), DateTimeOffset.FromUnixTimeMilliseconds((second + 1) * 1000));
        }
    }

    private static string KeyId(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void EvictWindows(DateTimeOffset now)
    {
        foreach (var (id, window) in _keyWindows.ToArray())
        {
            if (window.Count == 0 || now - window.Last() >= TimeSpan.FromMinutes(1))
            {
                _keyWindows.Remove(id);
            }
        }
        if (_keyWindows.Count < MaxRateLimitWindows)
        {
            return;
        }

        var oldest = _keyWindows.MinBy(w => w.Value.Count == 0 ? DateTimeOffset.MinValue : w.Value.Last()).Key;
        _keyWindows.Remove(oldest);
    }

    public bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && (Options.AcceptAnyApiKey || string.Equals(key, Options.ApiKey, StringComparison.Ordinal));

    /// <summary>The unescaped path of <paramref name="url"/> when it points at this emulator, else null.</summary>
    public string? OwnPath(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.Port == BaseAddress.Port ? Uri.UnescapeDataString(uri.AbsolutePath) : null;

    /// <summary>Resolves an audio URL: a vendor's own storage URLs (<see cref="Vendor.ResolveUrl"/>) map to stored files;
    /// anything else is a placeholder the emulator cannot fetch (it never goes to the network) and gets synthetic
    /// content. Returns null for a stored-file URL whose key was never uploaded.</summary>
    public EmulatedContent? ResolveUrl(string url)
    {
        foreach (var vendor in Vendor.All)
        {
            if (vendor.ResolveUrl(this, url) is (true, var content))
            {
                return content;
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
