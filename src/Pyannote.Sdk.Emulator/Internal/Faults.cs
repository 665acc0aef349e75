using System.Globalization;

namespace Pyannote.Sdk.Emulator.Internal;

internal enum JobFault { None, Failed, Canceled, Vanish }

/// <summary>A parsed <c>x-emulator-fault</c> value. Grammar (see docs/emulator.md):
/// <c>fault ("," fault)*</c>, <c>fault = kind (";" param)*</c>.</summary>
internal sealed class FaultSet
{
    public required string Raw { get; init; }
    public int? Status { get; private set; }
    public double? RetryAfterSeconds { get; private set; }
    public double? RetryAfterDateSeconds { get; private set; }
    public int? RetryAfterMs { get; private set; }
    public string? Message { get; private set; }
    public int SlowHeadersMs { get; private set; }
    public int SlowBodyMs { get; private set; }
    public bool AbortBeforeHeaders { get; private set; }
    public bool AbortDuringBody { get; private set; }
    public bool TruncatedJson { get; private set; }
    public bool InvalidJson { get; private set; }
    public bool WrongShape { get; private set; }
    public JobFault Job { get; private set; }
    public int WebhookFailures { get; private set; }
    /// <summary>Live sessions: drop the connection (no close frame) once this much audio (ms) has arrived.</summary>
    public int? LiveDropAfterMs { get; private set; }
    /// <summary>Live sessions: send the vendor's error frame once this much audio (ms) has arrived.</summary>
    public int? LiveErrorAfterMs { get; private set; }
    /// <summary>Live sessions: delay before the WebSocket handshake is answered (a cold start).</summary>
    public int LiveSlowStartMs { get; private set; }
    /// <summary>Live sessions: refuse the WebSocket handshake with this HTTP status.</summary>
    public int? LiveRefuseStatus { get; private set; }

    public bool RewritesBody => SlowBodyMs > 0 || AbortDuringBody || TruncatedJson || InvalidJson || WrongShape;

    public static bool TryParse(string raw, out FaultSet faults, out string error)
    {
        faults = new FaultSet { Raw = raw };
        error = "";
        foreach (var faultText in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = faultText.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!faults.ApplyKind(parts[0], out error))
            {
                return false;
            }

            foreach (var parameter in parts.Skip(1))
            {
                if (!faults.ApplyParameter(parameter, out error))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private bool ApplyKind(string kind, out string error)
    {
        error = "";
        var (name, value) = Split(kind);
        switch (name.ToLowerInvariant())
        {
            case var s when s.Length == 3 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599:
                Status = status; return true;
            case "slow-headers": return Int(value, v => SlowHeadersMs = v, name, out error);
            case "slow-body": return Int(value, v => SlowBodyMs = v, name, out error);
            case "abort-before-headers": AbortBeforeHeaders = true; return true;
            case "abort-during-body": AbortDuringBody = true; return true;
            case "truncated-json": TruncatedJson = true; return true;
            case "invalid-json": InvalidJson = true; return true;
            case "wrong-shape": WrongShape = true; return true;
            case "job-failed": Job = JobFault.Failed; return true;
            case "job-canceled": Job = JobFault.Canceled; return true;
            case "job-vanish": Job = JobFault.Vanish; return true;
            case "live-drop": return Int(value, v => LiveDropAfterMs = v, name, out error);
            case "live-error": return Int(value ?? "0", v => LiveErrorAfterMs = v, name, out error);
            case "live-slow-start": return Int(value, v => LiveSlowStartMs = v, name, out error);
            case "live-refuse": return Int(value ?? "403", v => LiveRefuseStatus = v is >= 400 and <= 599 ? v : 403, name, out error);
            case "webhook-fail": return Int(value ?? "1", v => WebhookFailures = Math.Min(v, 4), name, out error);
            default:
                // A bare parameter such as "retry-after=2" after a comma is accepted too.
                if (name.StartsWith("retry-after", StringComparison.OrdinalIgnoreCase) || name.Equals("message", StringComparison.OrdinalIgnoreCase))
                {
                    return ApplyParameter(kind, out error);
                }

                error = $"unknown fault '{name}'";
                return false;
        }
    }

    private bool ApplyParameter(string parameter, out string error)
    {
        error = "";
        var (name, value) = Split(parameter);
        switch (name.ToLowerInvariant())
        {
            case "retry-after": return Number(value, v => RetryAfterSeconds = v, name, out error);
            case "retry-after-date": return Number(value, v => RetryAfterDateSeconds = v, name, out error);
            case "retry-after-ms": return Int(value, v => RetryAfterMs = v, name, out error);
            case "message": Message = value; return true;
            default: error = $"unknown fault parameter '{name}'"; return false;
        }
    }

    private static (string Name, string? Value) Split(string text)
    {
        var i = text.IndexOf('=');
        return i < 0 ? (text, null) : (text[..i].Trim(), text[(i + 1)..].Trim());
    }

    private static bool Int(string? value, Action<int> set, string name, out string error)
    {
        error = "";
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) { set(v); return true; }
        error = $"'{name}' needs a non-negative integer";
        return false;
    }

    private static bool Number(string? value, Action<double> set, string name, out string error)
    {
        error = "";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0) { set(v); return true; }
        error = $"'{name}' needs a non-negative number";
        return false;
    }
}
