using System.Globalization;
using System.Text;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Reads and writes diarization as RTTM (Rich Transcription Time Marked), the format of diarization
/// references and scoring tools: <c>SPEAKER &lt;file&gt; &lt;channel&gt; &lt;start&gt; &lt;duration&gt; &lt;NA&gt; &lt;NA&gt; &lt;speaker&gt; &lt;NA&gt; &lt;NA&gt;</c>.</summary>
public static partial class DiarizationFormats
{
    /// <summary>Parses RTTM text into segments, in file order. Only <c>SPEAKER</c> lines are read; blank lines, comment
    /// lines (starting with <c>#</c> or <c>;;</c>) and other record types are skipped. Fields are separated by any white space.</summary>
    /// <param name="rttm">The RTTM text.</param>
    /// <param name="fileId">When given, only lines of this file id are returned; <see langword="null"/> for all.</param>
    /// <returns>The segments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rttm"/> is null.</exception>
    /// <exception cref="FormatException">A <c>SPEAKER</c> line has fewer than 8 fields, a start or duration that is not
    /// a finite non-negative number of seconds, or an empty speaker; the message names the line number and the rule.</exception>
    public static IReadOnlyList<DiarizationSegment> ParseRttm(string rttm, string? fileId = null)
    {
        ArgumentNullException.ThrowIfNull(rttm);
        using var reader = new StringReader(rttm);
        return ReadRttm(reader, fileId);
    }

    /// <summary>Reads RTTM from <paramref name="reader"/> to its end; see <see cref="ParseRttm"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="fileId">When given, only lines of this file id are returned.</param>
    /// <returns>The segments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="FormatException">A line breaks a rule; the message names the line number and the rule.</exception>
    public static IReadOnlyList<DiarizationSegment> ReadRttm(TextReader reader, string? fileId = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var segments = new List<DiarizationSegment>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith(";;", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (!string.Equals(fields[0], "SPEAKER", StringComparison.Ordinal))
            {
                continue;
            }

            if (fields.Length < 8)
            {
                throw new FormatException($"RTTM line {lineNumber}: a SPEAKER line needs at least 8 fields (had {fields.Length}).");
            }

            if (fileId is not null && !string.Equals(fields[1], fileId, StringComparison.Ordinal))
            {
                continue;
            }

            var start = ParseSeconds(fields[3], lineNumber, "start (field 4)");
            var duration = ParseSeconds(fields[4], lineNumber, "duration (field 5)");
            segments.Add(new DiarizationSegment(fields[7], start, start + duration));
        }

        return segments;
    }

    /// <summary>Writes segments as RTTM, one <c>SPEAKER</c> line each in the given order, seconds with 3 decimals.
    /// White space inside a speaker label is replaced by <c>_</c>. Lines end with <c>\n</c>.</summary>
    /// <param name="segments">The segments.</param>
    /// <param name="fileId">The file id (second field); no white space. Default <c>audio</c>.</param>
    /// <returns>The RTTM text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or <paramref name="fileId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileId"/> is empty or has white space, or an entry is null.</exception>
    public static string ToRttm(IEnumerable<DiarizationSegment> segments, string fileId = "audio")
    {
        ArgumentNullException.ThrowIfNull(segments);
        EnsureFileId(fileId);
        var sb = new StringBuilder();
        var i = 0;
        foreach (var s in segments)
        {
            if (s is null)
            {
                throw new ArgumentException($"segments[{i}] is null; every segment must be non-null.", nameof(segments));
            }

            AppendRttmLine(sb, fileId, s.Start, s.End, s.Speaker);
            i++;
        }

        return sb.ToString();
    }

    internal static void EnsureFileId(string fileId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        foreach (var c in fileId)
        {
            if (char.IsWhiteSpace(c))
            {
                throw new ArgumentException($"An RTTM file id must not contain white space (was '{fileId}').", nameof(fileId));
            }
        }
    }

    internal static void AppendRttmLine(StringBuilder sb, string fileId, TimeSpan start, TimeSpan end, string speaker)
    {
        var label = speaker;
        foreach (var c in speaker)
        {
            if (char.IsWhiteSpace(c))
            {
                label = string.Join('_', speaker.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                break;
            }
        }

        sb.Append("SPEAKER ").Append(fileId).Append(" 1 ")
          .Append(Seconds3(start)).Append(' ')
          .Append(Seconds3(end - start))
          .Append(" <NA> <NA> ").Append(label.Length == 0 ? "_" : label).Append(" <NA> <NA>\n");
    }

    private static string Seconds3(TimeSpan t) => (Math.Round(t.Ticks / (decimal)TimeSpan.TicksPerSecond, 3, MidpointRounding.AwayFromZero)).ToString("0.000", CultureInfo.InvariantCulture);

    private static TimeSpan ParseSeconds(string field, int lineNumber, string what)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0)
        {
            throw new FormatException($"RTTM line {lineNumber}: the {what} must be a finite non-negative number of seconds (was '{field}').");
        }

        try
        {
            return TimeRules.FromSeconds(seconds, what);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"RTTM line {lineNumber}: {ex.Message}", ex);
        }
    }
}
