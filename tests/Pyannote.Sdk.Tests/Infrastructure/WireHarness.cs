using System.Net;
using System.Text;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>One captured request: method, URL, headers and the body read as bytes (parsed as multipart when it is one).</summary>
public sealed class CapturedRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    public required HttpRequestMessage Message { get; init; }

    public required byte[] Body { get; init; }

    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public IReadOnlyList<MultipartPart> Parts => MultipartPart.Parse(ContentType!, Body);

    public string? Header(string name) => Message.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;

    public MultipartPart Part(string name) => Parts.Single(p => p.Name == name);

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>One part of a multipart/form-data body.</summary>
public sealed record MultipartPart(string Name, string? FileName, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);

    public static IReadOnlyList<MultipartPart> Parse(string contentType, byte[] body)
    {
        Assert.StartsWith("multipart/form-data", contentType, StringComparison.Ordinal);
        var boundary = contentType.Split("boundary=")[1].Trim('"');
        var latin = Encoding.Latin1.GetString(body);
        var sections = latin.Split("--" + boundary);
        var parts = new List<MultipartPart>();
        foreach (var raw in sections.Skip(1))
        {
            if (raw.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var section = raw[2..]; // leading CRLF
            var split = section.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headerLines = section[..split].Split("\r\n");
            var content = section[(split + 4)..^2]; // trailing CRLF before the next boundary
            var headers = headerLines.Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var disposition = headers["Content-Disposition"];
            parts.Add(new MultipartPart(
                Param(disposition, "name")!,
                Param(disposition, "filename"),
                headers.TryGetValue("Content-Type", out var ct) ? ct : null,
                headers,
                Encoding.Latin1.GetBytes(content)));
        }

        return parts;
    }

    private static string? Param(string disposition, string name)
    {
        foreach (var piece in disposition.Split(';').Select(p => p.Trim()))
        {
            if (piece.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return piece[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }
}

/// <summary>A MockHttp transport that records every request and answers from a queue (or a default answer).</summary>
public sealed class WireHarness
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public WireHarness()
    {
        Mock.Fallback.Respond(async request =>
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
            Requests.Add(new CapturedRequest
            {
                Method = request.Method,
                Uri = request.RequestUri!,
                Message = request,
                Body = body,
                ContentType = request.Content?.Headers.ContentType?.ToString(),
                ContentLength = request.Content?.Headers.ContentLength,
            });
            return _answers.Count > 0 ? _answers.Dequeue()() : Json(HttpStatusCode.OK, "{\"text\":\"ok\"}");
        });
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public List<CapturedRequest> Requests { get; } = new();

    public CapturedRequest Single => Assert.Single(Requests);

    public WireHarness Answer(HttpStatusCode status, string body, string mediaType = "application/json", IDictionary<string, string>? headers = null)
    {
        _answers.Enqueue(() =>
        {
            var r = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            {
                r.Headers.TryAddWithoutValidation(k, v);
            }

            return r;
        });
        return this;
    }

    public WireHarness AnswerJson(string body, IDictionary<string, string>? headers = null) => Answer(HttpStatusCode.OK, body, headers: headers);

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

/// <summary>Test files: payload copies and temporary audio files.</summary>
public static class TestFiles
{
    public static string Payload(string vendor, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", vendor, name));

    public static IEnumerable<string> PayloadFiles(string vendor, string pattern) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", vendor), pattern).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>A temporary file with the given bytes, deleted on dispose.</summary>
    public static TempFile Audio(string extension, byte[]? bytes = null) => new(extension, bytes ?? TestAudio.WavWith("fake-audio-bytes"u8), null);

    /// <summary>A sparse temporary file of the given length (no disk space used for the zeros).</summary>
    public static TempFile Sized(string extension, long length) => new(extension, null, length);

    public sealed class TempFile : IDisposable
    {
        public TempFile(string extension, byte[]? bytes, long? length)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sdk-test-" + Guid.NewGuid().ToString("N") + extension);
            using var fs = new FileStream(Path, FileMode.CreateNew);
            if (bytes is not null)
            {
                fs.Write(bytes);
            }
            else
            {
                fs.SetLength(length!.Value);
                fs.Position = 0;
                fs.Write(TestAudio.WavHeader()); // passes the content check; the rest stays sparse
            }
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
