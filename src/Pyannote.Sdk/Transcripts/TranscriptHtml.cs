using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pyannote.Sdk.Transcripts;

/// <summary>Writes the self-contained HTML transcript viewer of <see cref="TranscriptFormats.ToHtml"/>. Transcript
/// strings reach the page only as escaped HTML text and attributes, and inside a JSON data block whose encoder escapes
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and every non-ASCII character (so neither <c>&lt;/script&gt;</c>,
/// <c>&lt;!--</c> nor U+2028/U+2029 can end or bend it); the script reads text only through <c>textContent</c>.</summary>
internal static class TranscriptHtml
{
    private const string Css = """
        :root{color-scheme:light;--fg:#1a1a1a;--muted:#5f6368;--line:#e6e6e6;--hi:#fff1b8}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1120px;padding:16px 20px 48px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
        h1{font-size:1.45rem;margin:0 0 2px}
        .summary{color:var(--muted);margin:0 0 8px}
        .speakers{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:0 0 10px}
        .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px;background:var(--c)}
        .speakers .talk{color:var(--muted);margin-left:6px;font-variant-numeric:tabular-nums}
        audio{display:block;width:100%;margin:4px 0 10px}
        .timeline{margin:0 0 8px}
        .timeline svg{display:block;width:100%;height:auto;cursor:pointer}
        .search{display:flex;gap:12px;align-items:center;position:sticky;top:0;background:#fff;padding:8px 0;z-index:1}
        .search input{flex:1;font:inherit;padding:6px 10px;border:1px solid #b8b8b8;border-radius:6px}
        .search output{color:var(--muted);min-width:8em}
        .turns{list-style:none;margin:0;padding:0}
        .turn{display:grid;grid-template-columns:5.5em 11em 1fr;gap:0 12px;padding:6px 10px;border-left:4px solid var(--c);border-bottom:1px solid var(--line);cursor:pointer}
        .turn[hidden]{display:none}
        .turn:hover{background:#f6f6f6}
        .turn:focus-visible{outline:2px solid #0072B2;outline-offset:-2px}
        .turn.current{background:var(--hi)}
        .time{color:var(--muted);font-variant-numeric:tabular-nums}
        .speaker{font-weight:600;overflow-wrap:anywhere}
        .text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
        @media (max-width:640px){.turn{grid-template-columns:4.5em 1fr}.text{grid-column:1/-1}}
        """;

    private const string Script = """
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('transcript-data').textContent);
          var turns = data.turns;
          var audio = document.getElementById('player');
          var items = document.querySelectorAll('#turns .turn');
          var svg = document.querySelector('.timeline svg');
          var head = null, current = -1, t0 = 0, t1 = 1, px = 0, pw = 1, vbw = 1;
          function indexAt(t) {
            var lo = 0, hi = turns.length - 1, found = -1;
            while (lo <= hi) { var mid = (lo + hi) >> 1; if (turns[mid][0] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; } }
            for (var i = found; i >= 0 && i > found - 64; i--) { if (turns[i][1] > t || (turns[i][1] === t && turns[i][0] === t)) { return i; } }
            return -1;
          }
          function highlight(t, reveal) {
            var i = indexAt(t);
            if (i !== current) {
              if (current >= 0) { items[current].classList.remove('current'); items[current].removeAttribute('aria-current'); }
              current = i;
              if (i >= 0) {
                items[i].classList.add('current');
                items[i].setAttribute('aria-current', 'true');
                if (reveal && !items[i].hidden) { items[i].scrollIntoView({ block: 'nearest' }); }
              }
            }
            if (head) {
              var x = px + Math.min(Math.max((t - t0) / (t1 - t0), 0), 1) * pw;
              head.setAttribute('x1', x); head.setAttribute('x2', x); head.removeAttribute('visibility');
            }
          }
          function seek(t) {
            if (audio) {
              audio.currentTime = t;
              var p = audio.play();
              if (p && p.catch) { p.catch(function () {}); }
            }
            highlight(t, true);
          }
          if (svg) {
            t0 = +svg.getAttribute('data-start'); t1 = +svg.getAttribute('data-end');
            px = +svg.getAttribute('data-plot-x'); pw = +svg.getAttribute('data-plot-width');
            vbw = svg.viewBox.baseVal.width;
            head = document.createElementNS('http://www.w3.org/2000/svg', 'line');
            head.setAttribute('class', 'playhead'); head.setAttribute('stroke', '#D00000'); head.setAttribute('stroke-width', '2');
            head.setAttribute('y1', '0'); head.setAttribute('y2', String(svg.viewBox.baseVal.height)); head.setAttribute('visibility', 'hidden');
            svg.appendChild(head);
            svg.addEventListener('click', function (e) {
              var r = svg.getBoundingClientRect();
              var x = (e.clientX - r.left) * vbw / r.width;
              if (x >= px && x <= px + pw) { seek(t0 + (x - px) / pw * (t1 - t0)); }
            });
          }
          Array.prototype.forEach.call(items, function (item, i) {
            item.addEventListener('click', function () { seek(turns[i][0]); });
            item.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); seek(turns[i][0]); }
            });
          });
          if (audio) {
            ['timeupdate', 'seeked', 'play'].forEach(function (name) {
              audio.addEventListener(name, function () { highlight(audio.currentTime, !audio.paused); });
            });
          }
          var search = document.getElementById('search'), count = document.getElementById('search-count');
          search.addEventListener('input', function () {
            var q = search.value.trim().toLowerCase(), shown = 0;
            for (var i = 0; i < items.length; i++) {
              var hit = q === '' || items[i].textContent.toLowerCase().indexOf(q) >= 0;
              items[i].hidden = !hit;
              if (hit) { shown++; }
            }
            count.textContent = q === '' ? '' : shown + ' of ' + items.length + ' turns';
          });
        })();
        """;

    private static readonly JsonWriterOptions DataJson = new() { Encoder = JavaScriptEncoder.Default };

    public static string Write(Transcript transcript, IReadOnlyList<string?> lanes, List<TimelineSvg.Span> spans, TimeSpan naturalEnd, TranscriptHtmlOptions options)
    {
        var colors = TimelineSvg.LaneColors(lanes);
        var names = lanes.Select(l => TimelineSvg.DisplayName(l, options.SpeakerNames)).ToArray();
        var end = naturalEnd;
        var talk = new TimeSpan[lanes.Count];
        foreach (var s in spans)
        {
            talk[s.Lane] += s.End - s.Start;
            if (s.End > end)
            {
                end = s.End;
            }
        }

        var withHours = end >= TimeSpan.FromHours(1);
        var sb = new StringBuilder(8192 + (transcript.Turns.Count * 256));
        sb.Append("<!DOCTYPE html>\n<html lang=\"").AppendEscaped(LanguageTag(transcript.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; media-src ")
          .Append(options.AudioUrl is null ? "'none'" : "'self' http: https: file: data: blob:")
          .Append("; base-uri 'none'; form-action 'none'\">\n")
          .Append("<meta name=\"generator\" content=\"Pyannote.Sdk\">\n<link rel=\"icon\" href=\"data:,\">\n<title>").AppendEscaped(options.Title).Append("</title>\n<style>\n").Append(Css).Append('\n');
        for (var i = 0; i < lanes.Count; i++)
        {
            sb.Append(".lane-").Append(i).Append("{--c:").Append(colors[i]).Append("}\n");
        }

        sb.Append("</style>\n</head>\n<body>\n<header>\n<h1>").AppendEscaped(options.Title).Append("</h1>\n<p class=\"summary\">");
        var speakerCount = lanes.Count(l => l is not null);
        sb.Append(speakerCount).Append(speakerCount == 1 ? " speaker" : " speakers").Append(" · ")
          .Append(transcript.Turns.Count).Append(transcript.Turns.Count == 1 ? " turn" : " turns").Append(" · ")
          .Append(MarkupText.Clock(end, withHours, false));
        if (transcript.Vendor is { } vendor)
        {
            sb.Append(" · ").AppendEscaped(vendor.DisplayName());
        }

        if (transcript.Language is { Length: > 0 } language)
        {
            sb.Append(" · ").AppendEscaped(language);
        }

        sb.Append("</p>\n<ul class=\"speakers\">\n");
        for (var i = 0; i < lanes.Count; i++)
        {
            sb.Append("<li class=\"lane-").Append(i).Append("\"><span class=\"swatch\"></span><span class=\"name\">").AppendEscaped(names[i])
              .Append("</span><span class=\"talk\">").Append(MarkupText.Clock(talk[i], withHours, false)).Append("</span></li>\n");
        }

        sb.Append("</ul>\n</header>\n");
        if (options.AudioUrl is not null)
        {
            sb.Append("<audio id=\"player\" controls preload=\"metadata\" src=\"").AppendEscaped(options.AudioUrl).Append("\"></audio>\n");
        }

        if (options.IncludeTimeline)
        {
            sb.Append("<figure class=\"timeline\">\n");
            TimelineSvg.Write(sb, lanes, spans, naturalEnd, new TimelineOptions { Width = options.TimelineWidth, SpeakerNames = options.SpeakerNames });
            sb.Append("\n</figure>\n");
        }

        sb.Append("<div class=\"search\"><input id=\"search\" type=\"search\" placeholder=\"Search the transcript\" aria-label=\"Search the transcript\" autocomplete=\"off\">")
          .Append("<output id=\"search-count\" for=\"search\" aria-live=\"polite\"></output></div>\n<ol id=\"turns\" class=\"turns\">\n");
        var turns = transcript.Turns;
        for (var i = 0; i < turns.Count; i++)
        {
            var t = turns[i];
            var lane = spans[i].Lane;
            sb.Append("<li class=\"turn lane-").Append(lane).Append("\" tabindex=\"0\" data-start=\"").Append(MarkupText.Seconds(t.Start))
              .Append("\" data-end=\"").Append(MarkupText.Seconds(t.End)).Append("\"><span class=\"time\">").Append(MarkupText.Clock(t.Start, withHours, false))
              .Append("</span><span class=\"speaker\">").AppendEscaped(names[lane]).Append("</span><p class=\"text\">").AppendEscaped(t.Text).Append("</p></li>\n");
        }

        sb.Append("</ol>\n<script type=\"application/json\" id=\"transcript-data\">");
        AppendData(sb, options.Title, lanes, names, colors, turns, spans);
        sb.Append("</script>\n<script>\n").Append(Script).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The data block: the title, the speakers and each turn as <c>[start, end, lane]</c> in seconds.</summary>
    private static void AppendData(StringBuilder sb, string title, IReadOnlyList<string?> lanes, string[] names, string[] colors, IReadOnlyList<SpeakerTurn> turns, List<TimelineSvg.Span> spans)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DataJson))
        {
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteStartArray("speakers");
            for (var i = 0; i < lanes.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("label", lanes[i]);
                w.WriteString("name", names[i]);
                w.WriteString("color", colors[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("turns");
            for (var i = 0; i < turns.Count; i++)
            {
                w.WriteStartArray();
                w.WriteRawValue(MarkupText.Seconds(turns[i].Start), skipInputValidation: true);
                w.WriteRawValue(MarkupText.Seconds(turns[i].End), skipInputValidation: true);
                w.WriteNumberValue(spans[i].Lane);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        sb.Append(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>A safe <c>lang</c> value: the transcript's language when it looks like a language tag, else <c>en</c>
    /// (the page's own words are English).</summary>
    private static string LanguageTag(string? language) =>
        language is { Length: >= 2 and <= 35 } && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(language[0]) ? language : "en";
}
