using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Parsing;

/// <summary>
/// Parsing a 4-hour diarized Together AI <c>verbose_json</c> answer (about 40,000 words with <c>speaker_id</c>, timed
/// segments and <c>speaker_segments</c> that repeat their words, as the service sends them) into a
/// <see cref="Transcript"/>, through the real client code path: <see cref="TogetherClient.CreateTranscriptionAsync"/>
/// (the SDK's HTTP pipeline, the source-generated DTO read from the response stream, the DTO mapping) against a
/// handler that answers with the bytes, then <see cref="TogetherTranscription.ToTranscript"/>.
/// The payload is generated deterministically (seeded RNG) in the setup; its size is printed there.
/// Targets: at least 150 MB/s, allocations at most 3x the payload size.
/// Run: dotnet run -c Release --project tests/Pyannote.Sdk.Benchmarks -- --filter '*TogetherParsing*' --job short
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class TogetherParsingBenchmarks
{
    private const int WordCount = 40_000;
    private static readonly TimeSpan AudioLength = TimeSpan.FromHours(4);

    private byte[] _payload = [];
    private TogetherClient _client = null!;
    private readonly byte[] _audio = new byte[1024];

    /// <summary>The payload size in bytes (for MB/s and the allocation ratio).</summary>
    public int PayloadBytes => _payload.Length;

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payload.Create(WordCount, AudioLength, seed: 20261121);
        _client = new TogetherClient("benchmark-key", new TogetherClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1/"),
            Transport = new CannedHandler(_payload),
        });
        Console.WriteLine($"// payload: {_payload.Length} bytes ({_payload.Length / 1e6:F2} MB), {WordCount} words, {AudioLength.TotalHours} h");
    }

    /// <summary>The whole path a user pays for: request, response stream to DTO, DTO to result, result to transcript.</summary>
    [Benchmark]
    public async Task<Transcript> ClientToTranscript()
    {
        var result = await _client.CreateTranscriptionAsync(
            AudioInput.FromStream(new MemoryStream(_audio, writable: false), "a.wav"),
            new TogetherTranscriptionOptions { Diarize = true, ResponseFormat = TogetherResponseFormat.VerboseJson }).ConfigureAwait(false);
        return result.ToTranscript();
    }

    /// <summary>The client call alone (to a <see cref="TogetherTranscription"/>), to split the cost.</summary>
    [Benchmark]
    public Task<TogetherTranscription> ClientOnly() =>
        _client.CreateTranscriptionAsync(
            AudioInput.FromStream(new MemoryStream(_audio, writable: false), "a.wav"),
            new TogetherTranscriptionOptions { Diarize = true, ResponseFormat = TogetherResponseFormat.VerboseJson });

    /// <summary>Only the response bytes to the generated DTO (synchronous, from memory): the JSON reading floor.</summary>
    [Benchmark]
    public object? DtoOnly() =>
        System.Text.Json.JsonSerializer.Deserialize(_payload, Sdk.Generated.Together.TogetherGeneratedClient.TypeInfo<Sdk.Generated.Together.TranscriptionResult>());

    private sealed class CannedHandler(byte[] payload) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Drain the upload like a server would, then answer with the canned bytes (no copy).
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }

    /// <summary>Builds a plausible diarized verbose_json answer: speakers alternate in turns of 5 to 60 words, words are
    /// 0.1 to 0.6 s long with short pauses, segments hold about 12 words, speaker segments repeat their words.</summary>
    internal static class Payload
    {
        private static readonly string[] Vocabulary =
        [
            "the", "a", "we", "should", "look", "at", "quarterly", "numbers", "before", "meeting", "I", "think", "that's",
            "right", "okay", "so", "revenue", "grew", "by", "twelve", "percent", "and", "costs", "stayed", "flat", "really?",
            "yes,", "mostly", "because", "of", "the", "new", "contract", "with", "our", "biggest", "customer.", "Good.",
            "Let's", "move", "on", "to", "hiring", "plans", "for", "next", "year,", "please", "diarization", "transcript",
        ];

        public static byte[] Create(int wordCount, TimeSpan length, int seed)
        {
            var rng = new Random(seed);
            var words = new List<(string Text, double Start, double End, string Speaker)>(wordCount);
            var perWord = length.TotalSeconds / wordCount;
            var t = 0.0;
            var speaker = 0;
            var left = rng.Next(5, 60);
            for (var i = 0; i < wordCount; i++)
            {
                if (left-- == 0)
                {
                    speaker = (speaker + 1 + rng.Next(3)) % 4;
                    left = rng.Next(5, 60);
                }

                var duration = perWord * (0.3 + rng.NextDouble() * 0.6);
                var start = Math.Round(t, 3);
                var end = Math.Round(t + duration, 3);
                words.Add((Vocabulary[rng.Next(Vocabulary.Length)], start, end, $"SPEAKER_{speaker:00}"));
                t += perWord;
            }

            var json = new StringBuilder(wordCount * 200);
            var text = string.Join(' ', words.Select(w => w.Text));
            json.Append("{\"task\":\"transcribe\",\"language\":\"en\",\"duration\":").Append(Num(length.TotalSeconds))
                .Append(",\"text\":").Append(Str(text)).Append(",\"segments\":[");
            for (int i = 0, id = 0; i < words.Count; i += 12, id++)
            {
                var chunk = words.GetRange(i, Math.Min(12, words.Count - i));
                if (id > 0)
                {
                    json.Append(',');
                }

                json.Append("{\"id\":").Append(id).Append(",\"start\":").Append(Num(chunk[0].Start)).Append(",\"end\":").Append(Num(chunk[^1].End))
                    .Append(",\"text\":").Append(Str(" " + string.Join(' ', chunk.Select(w => w.Text)))).Append('}');
            }

            json.Append("],\"words\":[");
            for (var i = 0; i < words.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                Word(json, words[i]);
            }

            json.Append("],\"speaker_segments\":[");
            for (int i = 0, id = 0; i < words.Count; id++)
            {
                var j = i;
                while (j < words.Count && words[j].Speaker == words[i].Speaker)
                {
                    j++;
                }

                if (id > 0)
                {
                    json.Append(',');
                }

                var turn = words.GetRange(i, j - i);
                json.Append("{\"id\":").Append(id).Append(",\"speaker_id\":").Append(Str(turn[0].Speaker)).Append(",\"start\":").Append(Num(turn[0].Start))
                    .Append(",\"end\":").Append(Num(turn[^1].End)).Append(",\"text\":").Append(Str(string.Join(' ', turn.Select(w => w.Text)))).Append(",\"words\":[");
                for (var k = 0; k < turn.Count; k++)
                {
                    if (k > 0)
                    {
                        json.Append(',');
                    }

                    Word(json, turn[k]);
                }

                json.Append("]}");
                i = j;
            }

            json.Append("],\"id\":\"bench-0001\"}");
            return Encoding.UTF8.GetBytes(json.ToString());
        }

        private static void Word(StringBuilder json, (string Text, double Start, double End, string Speaker) w) =>
            json.Append("{\"word\":").Append(Str(w.Text)).Append(",\"start\":").Append(Num(w.Start)).Append(",\"end\":").Append(Num(w.End))
                .Append(",\"speaker_id\":").Append(Str(w.Speaker)).Append('}');

        private static string Num(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

        private static string Str(string s) => System.Text.Json.JsonSerializer.Serialize(s, BenchmarkJson.Default.String);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class BenchmarkJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
