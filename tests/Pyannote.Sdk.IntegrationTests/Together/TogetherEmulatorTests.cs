using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Emulator;
using static Pyannote.Sdk.IntegrationTests.Emulator.EmulatorTestSupport;

namespace Pyannote.Sdk.IntegrationTests.Emulator;

public sealed class TogetherEmulatorTests
{
    [Fact]
    public async Task Verbose_json_with_diarize_returns_speaker_segments_and_words_from_the_upload()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);

        var response = await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav,
            ("model", "openai/whisper-large-v3"), ("response_format", "verbose_json"), ("diarize", "true"), ("timestamp_granularities[]", "word")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("emulated/openai/whisper-large-v3", response.Headers.GetValues("X-Emulated-Model").Single());
        var body = await ReadJsonAsync(response);
        Assert.StartsWith("Good morning,", body.GetProperty("text").GetString());
        Assert.Equal(Sidecar().GetProperty("duration").GetDouble(), body.GetProperty("duration").GetDouble(), 2);
        var segments = body.GetProperty("speaker_segments");
        Assert.Equal(8, segments.GetArrayLength());
        Assert.Equal("SPEAKER_01", segments[1].GetProperty("speaker_id").GetString());
        Assert.Equal("SPEAKER_01", segments[1].GetProperty("words")[0].GetProperty("speaker_id").GetString());
        Assert.Equal(body.GetProperty("words").GetArrayLength(), segments.EnumerateArray().Sum(s => s.GetProperty("words").GetArrayLength()));
        Assert.Equal(0, body.GetProperty("words")[0].GetProperty("id").GetInt32());
        Assert.Equal(8, body.GetProperty("segments").GetArrayLength());
    }

    [Fact]
    public async Task Json_format_url_file_and_translation_have_their_shapes()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options());
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);

        var json = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav)));
        Assert.Equal(["text"], json.EnumerateObject().Select(p => p.Name));

        var byUrl = new MultipartFormDataContent { { new StringContent("https://example.com/talk.mp3"), "file" }, { new StringContent("verbose_json"), "response_format" } };
        var verbose = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", byUrl));
        Assert.False(verbose.TryGetProperty("words", out _));
        Assert.False(verbose.TryGetProperty("speaker_segments", out _));
        Assert.True(verbose.GetProperty("segments").GetArrayLength() > 0);

        var translated = await ReadJsonAsync(await api.PostAsync("v1/audio/translations", AudioForm("file", ConversationWav, ("response_format", "verbose_json"))));
        Assert.Equal("en", translated.GetProperty("language").GetString());
        Assert.False(translated.TryGetProperty("speaker_segments", out _));
    }

    [Fact]
    public async Task Errors_use_the_error_envelope_for_401_400_and_413()
    {
        var options = Options();
        options.TogetherMaxUploadBytes = 100_000;
        await using var emulator = await SpeechEmulator.StartAsync(options);
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);
        using var anonymous = Client(emulator.TogetherEndpoint);

        var unauthorized = await anonymous.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("missing_api_key", (await ReadJsonAsync(unauthorized)).GetProperty("error").GetProperty("code").GetString());

        var noFile = await api.PostAsync("v1/audio/transcriptions", new MultipartFormDataContent { { new StringContent("json"), "response_format" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        var error = (await ReadJsonAsync(noFile)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("file", error.GetProperty("param").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);

        var badFormat = await api.PostAsync("v1/audio/transcriptions", new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[1000]), "file", "small.wav" },
            { new StringContent("srt"), "response_format" },
        });
        Assert.Equal("response_format", (await ReadJsonAsync(badFormat)).GetProperty("error").GetProperty("param").GetString());

        var tooLarge = await api.PostAsync("v1/audio/transcriptions", AudioForm("file", ConversationWav));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.True((await ReadJsonAsync(tooLarge)).GetProperty("error").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Energy_detector_finds_the_turns_and_separates_the_two_voices_without_a_sidecar()
    {
        await using var emulator = await SpeechEmulator.StartAsync(Options(withSidecars: false));
        using var api = Client(emulator.TogetherEndpoint, emulator.ApiKey);
        // Copy under another name so the file-name fallback cannot find the sidecar either.
        var copy = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".wav");
        File.Copy(ConversationWav, copy);
        try
        {
            var body = await ReadJsonAsync(await api.PostAsync("v1/audio/transcriptions", AudioForm("file", copy, ("response_format", "verbose_json"), ("diarize", "true"))));
            var found = body.GetProperty("speaker_segments").EnumerateArray().ToList();
            var truth = Sidecar().GetProperty("segments").EnumerateArray().ToList();
            Assert.Equal(truth.Count, found.Count);
            for (int i = 0; i < truth.Count; i++)
            {
                Assert.Equal(truth[i].GetProperty("speaker").GetString(), found[i].GetProperty("speaker_id").GetString());
                Assert.Equal(truth[i].GetProperty("start").GetDouble(), found[i].GetProperty("start").GetDouble(), 0.1);
                Assert.Equal(truth[i].GetProperty("end").GetDouble(), found[i].GetProperty("end").GetDouble(), 0.1);
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
