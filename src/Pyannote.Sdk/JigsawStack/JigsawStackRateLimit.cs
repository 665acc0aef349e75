using System.Globalization;

namespace Pyannote.Sdk.JigsawStack;

/// <summary>The rate-limit headers JigsawStack sends on every response (<c>x-jigsaw-rate-limit-*</c>).</summary>
/// <param name="Limit">Requests allowed in the current window.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="Reset">When the window resets (sent as Unix milliseconds).</param>
public sealed record JigsawStackRateLimit(long? Limit, long? Remaining, DateTimeOffset? Reset)
{
    /// <summary>Reads the headers; <see langword="null"/> when none is present.</summary>
    internal static JigsawStackRateLimit? FromResponse(HttpResponseMessage response)
    {
        var limit = Read(response, "x-jigsaw-rate-limit-limit");
        var remaining = Read(response, "x-jigsaw-rate-limit-remaining");
        var reset = Read(response, "x-jigsaw-rate-limit-reset");
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        DateTimeOffset? resetAt = reset is { } ms && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new JigsawStackRateLimit(limit, remaining, resetAt);
    }

    private static long? Read(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
