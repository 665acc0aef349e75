using System.Net;
using System.Text;
using Pyannote.Sdk.NanoGpt;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>Helpers for NanoGPT tests: a client over MockHttp, recorded requests, payload files, temporary audio files
/// and a small multipart/form-data parser.</summary>
internal static class NanoGptTestKit
{
    public const string ApiKey = "sk-nano-00000000-test-key";

    public static NanoGptClient Client(HttpMessageHandler transport, TimeProvider? time = null) =>
        new(ApiKey, new NanoGptClientOptions { Transport = transport, TimeProvider = time ?? TimeProvider.System });

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "nanogpt", name));

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>A request as the server saw it: method, URI, headers and the body read at send time.</summary>
    public sealed record Recorded(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? ContentType, byte[] Body, Pyannote.Sdk.Http.SpeechRequestContext Context)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Recorded> RecordAsync(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync();
        return new Recorded(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body, Pyannote.Sdk.Http.SpeechRequestContext.For(request));
    }

    /// <summary>Answers each request with the next scripted response, recording the requests.</summary>
    public static (MockHttpMessageHandler Mock, List<Recorded> Requests) Script(params Func<HttpResponseMessage>[] responses)
    {
        var mock = new MockHttpMessageHandler();
        var requests = new List<Recorded>();
        var queue = new Queue<Func<HttpResponseMessage>>(responses);
        mock.When("*").Respond(async req =>
        {
            requests.Add(await RecordAsync(req));
            return queue.Count > 0 ? queue.Dequeue()() : throw new InvalidOperationException("No more scripted responses.");
        });
        return (mock, requests);
    }

    public static string TempAudio(string fileName, int bytes = 2048)
    {
        var dir = Path.Combine(Path.GetTempPath(), "nanogpt-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, fileName);
        var data = new byte[bytes];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 31 % 251);
        }

        File.WriteAllBytes(path, TestAudio.Stamped(data));
        return path;
    }

    public static string SparseAudio(string fileName, long length)
    {
        var dir = Path.Combine(Path.GetTempPath(), "nanogpt-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, fileName);
        using (var fs = new FileStream(path, FileMode.CreateNew))
        {
            fs.SetLength(length);
            fs.Write(TestAudio.WavHeader()); // passes the content check; the rest stays sparse
        }

        return path;
    }

    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>Parses a multipart/form-data body into its parts (name, file name, content type, bytes).</summary>
    public static List<Part> ParseMultipart(string contentType, byte[] body)
    {
        var boundary = contentType.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))["boundary=".Length..].Trim('"');
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<Part>();
        var positions = new List<int>();
        for (var i = 0; i <= body.Length - delimiter.Length; i++)
        {
            if (body.AsSpan(i, delimiter.Length).SequenceEqual(delimiter))
            {
                positions.Add(i);
            }
        }

        for (var k = 0; k < positions.Count - 1; k++)
        {
            var start = positions[k] + delimiter.Length + 2; // skip CRLF after the delimiter
            var end = positions[k + 1] - 2;                   // drop CRLF before the next delimiter
            var segment = body.AsSpan(start, end - start).ToArray();
            var headerEnd = IndexOf(segment, "\r\n\r\n"u8.ToArray());
            var headerText = Encoding.ASCII.GetString(segment, 0, headerEnd);
            var content = segment[(headerEnd + 4)..];
            string? name = null, fileName = null, type = null;
            foreach (var line in headerText.Split("\r\n"))
            {
                if (line.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var attr in line.Split(';').Skip(1).Select(a => a.Trim()))
                    {
                        var eq = attr.IndexOf('=');
                        var key = attr[..eq];
                        var value = attr[(eq + 1)..];
                        Assert.True(value.StartsWith('"') && value.EndsWith('"'), $"'{key}' should be quoted: {line}");
                        if (key == "name")
                        {
                            name = value.Trim('"');
                        }
                        else if (key == "filename")
                        {
                            fileName = value.Trim('"');
                        }
                    }
                }
                else if (line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                {
                    type = line["Content-Type:".Length..].Trim();
                }
            }

            parts.Add(new Part(name!, fileName, type, content));
        }

        return parts;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
