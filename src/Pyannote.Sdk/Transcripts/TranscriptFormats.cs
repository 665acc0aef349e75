using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pyannote.Sdk.Transcripts;

/// <summary>
/// Exports a <see cref="Transcript"/> as captions (SRT, WebVTT), readable text, RTTM or JSON, and reads the JSON back.
/// Every method is pure and thread-safe.
/// </summary>
public static partial class TranscriptFormats
{
    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writes SubRip (SRT) captions: numbered cues from 1, times as <c>HH:MM:SS,mmm</c>, cues in time order and
    /// never overlapping, a new cue at every speaker change. Lines end with <c>\n</c>.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="options">Cue length limits and speaker names; <see langword="null"/> for defaults.</param>
    /// <returns>The SRT text; empty when the transcript has no turns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static string ToSrt(this Transcript transcript, CaptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        options ??= CaptionOptions.Default;
        options.Validate();
        var sb = new StringBuilder();
        var n = 0;
        foreach (var cue in CaptionBuilder.Build(transcript, options))
        {
            if (n > 0)
            {
                sb.Append('\n');
            }

            sb.Append(++n).Append('\n');
            AppendTime(sb, cue.StartMs, ',');
            sb.Append(" --> ");
            AppendTime(sb, cue.EndMs, ',');
            sb.Append('\n');
            if (options.IncludeSpeakers && cue.Speaker is not null)
            {
                sb.Append(cue.Speaker).Append(": ");
            }

            // A line break inside a cue's text would end the cue early.
            sb.Append(cue.Text.ReplaceLineEndings(" ")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes WebVTT captions: a <c>WEBVTT</c> header, numbered cues from 1, times as <c>HH:MM:SS.mmm</c>, each
    /// cue's text in a <c>&lt;v Speaker&gt;</c> voice tag, cues in time order and never overlapping, a new cue at every
    /// speaker change. <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in text are escaped. Lines end with <c>\n</c>.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="options">Cue length limits and speaker names; <see langword="null"/> for defaults.</param>
    /// <returns>The WebVTT text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static string ToWebVtt(this Transcript transcript, CaptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        options ??= CaptionOptions.Default;
        options.Validate();
        var sb = new StringBuilder("WEBVTT\n");
        var n = 0;
        foreach (var cue in CaptionBuilder.Build(transcript, options))
        {
            sb.Append('\n').Append(++n).Append('\n');
            AppendTime(sb, cue.StartMs, '.');
            sb.Append(" --> ");
            AppendTime(sb, cue.EndMs, '.');
            sb.Append('\n');
            if (options.IncludeSpeakers && cue.Speaker is not null)
            {
                sb.Append("<v ");
                AppendVttEscaped(sb, cue.Speaker);
                sb.Append('>');
            }

            AppendVttEscaped(sb, cue.Text);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes readable text, one line per turn in the form <c>SPEAKER_00 (0:03): text</c> (pyannoteAI's readable
    /// transcript format). The time is the turn's start, rounded down to the second, as <c>m:ss</c>, or <c>h:mm:ss</c>
    /// from one hour on. A turn without a speaker is labelled <c>UNKNOWN</c>. Lines end with <c>\n</c>.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <returns>The text; empty when the transcript has no turns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    public static string ToPlainText(this Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var sb = new StringBuilder();
        foreach (var turn in transcript.Turns)
        {
            sb.Append(turn.Speaker ?? "UNKNOWN").Append(" (").Append(FormatClock(turn.Start)).Append("): ").Append(turn.Text).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the transcript's turns as RTTM, one line per turn that has a speaker:
    /// <c>SPEAKER &lt;file&gt; 1 &lt;start&gt; &lt;duration&gt; &lt;NA&gt; &lt;NA&gt; &lt;speaker&gt; &lt;NA&gt; &lt;NA&gt;</c>,
    /// seconds with 3 decimals. White space inside a speaker label is replaced by <c>_</c>.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="fileId">The RTTM file id (second field); no white space. Default <c>audio</c>.</param>
    /// <returns>The RTTM text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> or <paramref name="fileId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileId"/> is empty or contains white space.</exception>
    public static string ToRttm(this Transcript transcript, string fileId = "audio")
    {
        ArgumentNullException.ThrowIfNull(transcript);
        DiarizationFormats.EnsureFileId(fileId);
        var sb = new StringBuilder();
        foreach (var turn in transcript.Turns)
        {
            if (turn.Speaker is not null)
            {
                DiarizationFormats.AppendRttmLine(sb, fileId, turn.Start, turn.End, turn.Speaker);
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes the transcript as JSON shaped like pyannoteAI's transcription output:
    /// <c>{"wordLevelTranscription":[{"start","end","text","speaker"}…],"turnLevelTranscription":[…]}</c>, times in
    /// seconds, <c>speaker</c> <see langword="null"/> when unknown. A word's <c>confidence</c>, and the transcript's
    /// <c>language</c> and <c>duration</c>, are added only when known. <see cref="ParseJson(string)"/> reads it back.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transcript"/> is null.</exception>
    public static string ToJson(this Transcript transcript, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JsonEncoder }))
        {
            WriteJson(transcript, writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the JSON of <see cref="ToJson"/> to <paramref name="writer"/> as one object value.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="writer">The writer; not flushed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteJson(this Transcript transcript, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (transcript.Language is not null)
        {
            writer.WriteString("language", transcript.Language);
        }

        if (transcript.Duration is { } duration)
        {
            writer.WriteNumber("duration", duration.TotalSeconds);
        }

        writer.WriteStartArray("wordLevelTranscription");
        foreach (var w in transcript.Words)
        {
            WriteSegment(writer, w.Start, w.End, w.Text, w.Speaker);
            if (w.Confidence is { } c)
            {
                writer.WriteNumber("confidence", c);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("turnLevelTranscription");
        foreach (var t in transcript.Turns)
        {
            WriteSegment(writer, t.Start, t.End, t.Text, t.Speaker);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a transcript from JSON shaped like pyannoteAI's transcription output (as written by
    /// <see cref="ToJson"/>, or a pyannoteAI job result whose <c>output</c> holds the arrays). Turns get back their
    /// words (the words of the same speaker within the turn's span). Without <c>turnLevelTranscription</c>, turns are
    /// built from the words.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not JSON of that shape, or an item breaks a rule (a time that is
    /// missing, negative or not a number, an end before its start, a null entry); the message names the item and the rule.</exception>
    public static Transcript ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseJson(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a transcript from UTF-8 JSON; see <see cref="ParseJson(string)"/>.</summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="FormatException">The JSON is malformed or breaks a rule; the message names the item and the rule.</exception>
    public static Transcript ParseJson(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The transcript JSON is malformed: {ex.Message}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The transcript JSON must be an object (was {root.ValueKind}).");
            }

            if (root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object)
            {
                root = output;
            }

            var words = new List<TranscriptWord>();
            if (TryGetArray(root, "wordLevelTranscription", out var wordArray))
            {
                var i = 0;
                foreach (var item in wordArray.EnumerateArray())
                {
                    var (start, end, text, speaker) = ReadSegment(item, $"wordLevelTranscription[{i}]");
                    double? confidence = null;
                    if (item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number)
                    {
                        confidence = c.GetDouble();
                    }

                    words.Add(new TranscriptWord(text, start, end, speaker, confidence));
                    i++;
                }
            }

            List<(TimeSpan Start, TimeSpan End, string Text, string? Speaker)>? turns = null;
            if (TryGetArray(root, "turnLevelTranscription", out var turnArray))
            {
                turns = new List<(TimeSpan, TimeSpan, string, string?)>();
                var i = 0;
                foreach (var item in turnArray.EnumerateArray())
                {
                    turns.Add(ReadSegment(item, $"turnLevelTranscription[{i}]"));
                    i++;
                }
            }

            string? language = null;
            if (root.TryGetProperty("language", out var lang) && lang.ValueKind == JsonValueKind.String)
            {
                language = lang.GetString();
            }

            TimeSpan? duration = null;
            if (root.TryGetProperty("duration", out var dur) && dur.ValueKind == JsonValueKind.Number)
            {
                duration = Seconds(dur.GetDouble(), "duration");
            }

            var sortedWords = WordOrder.Sort(words, "wordLevelTranscription");
            return turns is null
                ? new Transcript(sortedWords) { Language = language, Duration = duration }
                : new Transcript(sortedWords, AttachWords(turns, sortedWords)) { Language = language, Duration = duration };
        }
    }

    /// <summary>Gives each turn the words of its speaker that lie within its span (one pass per speaker).</summary>
    private static List<SpeakerTurn> AttachWords(List<(TimeSpan Start, TimeSpan End, string Text, string? Speaker)> turns, TranscriptWord[] sortedWords)
    {
        var bySpeaker = new Dictionary<string, List<TranscriptWord>>(StringComparer.Ordinal);
        var unknown = new List<TranscriptWord>();
        foreach (var w in sortedWords)
        {
            if (w.Speaker is null)
            {
                unknown.Add(w);
            }
            else
            {
                if (!bySpeaker.TryGetValue(w.Speaker, out var list))
                {
                    bySpeaker[w.Speaker] = list = new List<TranscriptWord>();
                }

                list.Add(w);
            }
        }

        var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknownCursor = 0;
        var result = new List<SpeakerTurn>(turns.Count);
        foreach (var t in turns.OrderBy(t => t.Start))
        {
            var list = t.Speaker is null ? unknown : bySpeaker.GetValueOrDefault(t.Speaker);
            var attached = new List<TranscriptWord>();
            if (list is not null)
            {
                var k = t.Speaker is null ? unknownCursor : cursors.GetValueOrDefault(t.Speaker);
                while (k < list.Count && list[k].Start < t.Start)
                {
                    k++;
                }

                while (k < list.Count && list[k].Start <= t.End && list[k].End <= t.End)
                {
                    attached.Add(list[k++]);
                }

                if (t.Speaker is null)
                {
                    unknownCursor = k;
                }
                else
                {
                    cursors[t.Speaker] = k;
                }
            }

            result.Add(new SpeakerTurn(t.Speaker, t.Start, t.End, t.Text, attached.ToArray()));
        }

        return result;
    }

    private static bool TryGetArray(JsonElement obj, string name, out JsonElement array)
    {
        if (!obj.TryGetProperty(name, out array) || array.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' must be an array (was {array.ValueKind}).");
        }

        return true;
    }

    private static (TimeSpan Start, TimeSpan End, string Text, string? Speaker) ReadSegment(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path} must be an object (was {item.ValueKind}).");
        }

        var start = Seconds(RequiredNumber(item, "start", path), path + ".start");
        var end = Seconds(RequiredNumber(item, "end", path), path + ".end");
        if (end < start)
        {
            throw new FormatException($"{path}.end ({end.TotalSeconds} s) must not be before its start ({start.TotalSeconds} s).");
        }

        var text = item.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : throw new FormatException($"{path}.text must be a string.");
        string? speaker = null;
        if (item.TryGetProperty("speaker", out var s))
        {
            speaker = s.ValueKind switch
            {
                JsonValueKind.String => s.GetString(),
                JsonValueKind.Null => null,
                _ => throw new FormatException($"{path}.speaker must be a string or null (was {s.ValueKind})."),
            };
        }

        return (start, end, text, speaker);
    }

    private static double RequiredNumber(JsonElement item, string name, string path)
        => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new FormatException($"{path}.{name} must be a number of seconds.");

    private static TimeSpan Seconds(double seconds, string path)
    {
        try
        {
            return TimeRules.FromSeconds(seconds, path);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{path}: {ex.Message}", ex);
        }
    }

    private static void WriteSegment(Utf8JsonWriter writer, TimeSpan start, TimeSpan end, string text, string? speaker)
    {
        writer.WriteStartObject();
        writer.WriteNumber("start", start.Ticks / (double)TimeSpan.TicksPerSecond);
        writer.WriteNumber("end", end.Ticks / (double)TimeSpan.TicksPerSecond);
        writer.WriteString("text", text);
        if (speaker is null)
        {
            writer.WriteNull("speaker");
        }
        else
        {
            writer.WriteString("speaker", speaker);
        }
    }

    /// <summary>Appends <c>HH:MM:SS{sep}mmm</c> (hours at least two digits).</summary>
    private static void AppendTime(StringBuilder sb, long ms, char separator)
    {
        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        var seconds = ms / 1000 % 60;
        var millis = ms % 1000;
        sb.Append(hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(seconds.ToString("00", CultureInfo.InvariantCulture)).Append(separator)
          .Append(millis.ToString("000", CultureInfo.InvariantCulture));
    }

    /// <summary><c>m:ss</c> below one hour, <c>h:mm:ss</c> from one hour on; rounded down to the second.</summary>
    internal static string FormatClock(TimeSpan time)
    {
        var total = (long)Math.Floor(time.TotalSeconds);
        var h = total / 3600;
        var m = total / 60 % 60;
        var s = total % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }

    private static void AppendVttEscaped(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\n' or '\r': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
    }
}
