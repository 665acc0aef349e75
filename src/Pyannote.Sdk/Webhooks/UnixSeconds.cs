namespace Pyannote.Sdk.Webhooks;

/// <summary>Unix-seconds values in webhook headers and callback URLs, read strictly.</summary>
internal static class UnixSeconds
{
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Reads a Unix-seconds value (a signature timestamp header, a callback URL expiry): ASCII digits only (surrounding spaces ignored), within the range of <see cref="DateTimeOffset"/>.</summary>
    public static bool TryParse(string value, out string digits, out DateTimeOffset timestamp)
    {
        digits = value.Trim();
        timestamp = default;
        if (digits.Length is 0 or > 18)
        {
            return false;
        }

        long seconds = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            seconds = (seconds * 10) + (c - '0');
        }

        if (seconds > MaxUnixSeconds)
        {
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
