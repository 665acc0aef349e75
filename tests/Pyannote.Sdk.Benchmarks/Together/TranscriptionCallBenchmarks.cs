using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Pyannote.Sdk.Emulator;
using Pyannote.Sdk.Together;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Benchmarks.Emulator;

/// <summary>
/// One full Together AI transcription call over loopback HTTP against the in-process emulator: multipart upload of
/// <c>samples/audio/conversation.wav</c> (0.98 MB, 30.7 s, two speakers) with <c>response_format=verbose_json</c>,
/// <c>diarize=true</c> and both timestamp granularities, then the answer parsed.
/// <list type="bullet">
/// <item><c>RawHttpClient</c> (baseline): a hand-written <see cref="MultipartFormDataContent"/> POST with one shared
/// <see cref="HttpClient"/>, the answer deserialised by <see cref="JsonSerializer"/> into a minimal DTO.</item>
/// <item><c>Sdk</c>: <see cref="TogetherClient.CreateTranscriptionAsync"/> with the same fields, then
/// <see cref="TogetherTranscription.ToTranscript"/> (the SDK's whole pipeline: validation, retries/error mapping
/// handlers, telemetry, source-generated DTO, mapping to the merged transcript model).</item>
/// </list>
/// Target: Sdk at most 1.15x RawHttpClient.
/// Run: dotnet run -c Release --project tests/Pyannote.Sdk.Benchmarks -- --filter '*TranscriptionCall*' --job short
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class TranscriptionCallBenchmarks
{
    private SpeechEmulator _emulator = null!;
    private TogetherClient _sdk = null!;
    private HttpClient _raw = null!;
    private Uri _rawUri = null!;
    private string _audioPath = null!;
    private TogetherTranscriptionOptions _options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _audioPath = RepoFiles.Find(Path.Combine("samples", "audio", "conversation.wav"));
        _emulator = await SpeechEmulator.StartAsync(SpeechEmulatorOptions.ForTests());
        _sdk = new TogetherClient(_emulator.ApiKey, new TogetherClientOptions { Endpoint = _emulator.TogetherEndpoint });
        _options = new TogetherTranscriptionOptions
        {
            Model = TogetherModel.WhisperLargeV3,
            ResponseFormat = TogetherResponseFormat.VerboseJson,
            TimestampGranularities = TogetherTimestampGranularities.Segment | TogetherTimestampGranularities.Word,
            Diarize = true,
        };
        _raw = new HttpClient();
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.ApiKey);
        _rawUri = new Uri(_emulator.TogetherEndpoint, "v1/audio/transcriptions");

        // Both paths must read the same answer: same word count and the same speakers in the same order.
        var sdk = await Sdk();
        var raw = await RawHttpClient();
        if (sdk != raw || sdk == 0)
        {
            throw new InvalidOperationException($"SDK and raw disagree: {sdk} vs {raw} words.");
        }

        Console.WriteLine($"// conversation.wav: {new FileInfo(_audioPath).Length:N0} bytes, {sdk} words in the answer");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawHttpClient()
    {
        await using var file = new FileStream(_audioPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var form = new MultipartFormDataContent();
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(fileContent, "file", "conversation.wav");
        form.Add(new StringContent("openai/whisper-large-v3"), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("segment"), "timestamp_granularities[]");
        form.Add(new StringContent("word"), "timestamp_granularities[]");
        form.Add(new StringContent("true"), "diarize");
        using var response = await _raw.PostAsync(_rawUri, form);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var result = await JsonSerializer.DeserializeAsync<RawTranscription>(body, RawJson.Options);
        return result!.Words!.Count;
    }

    [Benchmark]
    public async Task<int> Sdk()
    {
        var result = await _sdk.CreateTranscriptionAsync(AudioInput.FromFile(_audioPath), _options);
        Transcript transcript = result.ToTranscript();
        return transcript.Words.Count;
    }

    private static class RawJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }

    public sealed class RawTranscription
    {
        [JsonPropertyName("text")] public string? Text { get; set; }
        [JsonPropertyName("language")] public string? Language { get; set; }
        [JsonPropertyName("duration")] public double Duration { get; set; }
        [JsonPropertyName("segments")] public List<RawSegment>? Segments { get; set; }
        [JsonPropertyName("words")] public List<RawWord>? Words { get; set; }
        [JsonPropertyName("speaker_segments")] public List<RawSpeakerSegment>? SpeakerSegments { get; set; }
    }

    public sealed class RawSegment
    {
        [JsonPropertyName("id")] public int Id { get; set; }
        [JsonPropertyName("start")] public double Start { get; set; }
        [JsonPropertyName("end")] public double End { get; set; }
        [JsonPropertyName("text")] public string? Text { get; set; }
    }

    public sealed class RawWord
    {
        [JsonPropertyName("word")] public string? Word { get; set; }
        [JsonPropertyName("start")] public double Start { get; set; }
        [JsonPropertyName("end")] public double End { get; set; }
        [JsonPropertyName("speaker_id")] public string? SpeakerId { get; set; }
    }

    public sealed class RawSpeakerSegment
    {
        [JsonPropertyName("id")] public int Id { get; set; }
        [JsonPropertyName("speaker_id")] public string? SpeakerId { get; set; }
        [JsonPropertyName("start")] public double Start { get; set; }
        [JsonPropertyName("end")] public double End { get; set; }
        [JsonPropertyName("text")] public string? Text { get; set; }
        [JsonPropertyName("words")] public List<RawWord>? Words { get; set; }
    }
}
