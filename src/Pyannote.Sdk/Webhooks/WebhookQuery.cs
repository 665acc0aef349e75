namespace Pyannote.Sdk.Webhooks;

/// <summary>Reads a URL query string into name/value pairs (first value wins; malformed escapes are kept as sent).</summary>
internal static class WebhookQuery
{
    public static Dictionary<string, string> Parse(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Unescape(part[(eq + 1)..]);
            result.TryAdd(name, value);
        }

        return result;
    }

    private static string Unescape(string text)
    {
        var plus = text.Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(plus);
        }
        catch (UriFormatException)
        {
            return plus;
        }
    }
}
