using System.Globalization;
using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Text and number writing shared by the SVG and HTML exports: escaping for XML/HTML text and attributes,
/// invariant-culture numbers and clock times.</summary>
internal static class MarkupText
{
    /// <summary>Appends <paramref name="text"/> escaped for XML and HTML text and quoted attributes: <c>&amp;</c>,
    /// <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c> become character references, and characters XML forbids
    /// (control characters other than tab, line feed and carriage return; lone surrogates; U+FFFE, U+FFFF) become U+FFFD,
    /// so the output always parses.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder sb, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not '\t' and not '\n' and not '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb;
    }

    /// <summary>A number with at most two decimals, invariant culture, never <c>-0</c>.</summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Seconds with at most three decimals, invariant culture.</summary>
    public static string Seconds(TimeSpan time) =>
        (Math.Round(time.Ticks / (decimal)TimeSpan.TicksPerSecond, 3, MidpointRounding.AwayFromZero)).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> when <paramref name="withHours"/>; with tenths of a second when
    /// <paramref name="tenths"/>. Rounded down.</summary>
    public static string Clock(TimeSpan time, bool withHours, bool tenths)
    {
        var totalTenths = time.Ticks / (TimeSpan.TicksPerSecond / 10);
        var totalSeconds = totalTenths / 10;
        var sb = new StringBuilder(12);
        if (withHours)
        {
            sb.Append((totalSeconds / 3600).ToString(CultureInfo.InvariantCulture)).Append(':')
              .Append((totalSeconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append((totalSeconds / 60).ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(':').Append((totalSeconds % 60).ToString("00", CultureInfo.InvariantCulture));
        if (tenths)
        {
            sb.Append('.').Append((totalTenths % 10).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
