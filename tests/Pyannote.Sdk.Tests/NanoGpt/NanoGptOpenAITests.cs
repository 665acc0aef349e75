using System.Net;
using System.Text.Json;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.Tests.NanoGpt;

namespace Pyannote.Sdk.Tests.VendorOptions;

/// <summary>NanoGPT's OpenAI-compatible endpoint and model discovery (docs.nano-gpt.com api-reference/endpoint/
/// audio-transcriptions and audio-models, repository Nano-GPT-com/docs @f0b5f52).</summary>
public class NanoGptOpenAITests
{
    private static HttpResponseMessage Published() => NanoGptTestKit.Json(HttpStatusCode.OK, NanoGptTestKit.Payload("v1-audio-transcriptions-response.json"));

    [Fact]
    public async Task A_url_is_sent_as_the_published_json_request()
    {
        var (mock, requests) = NanoGptTestKit.Script(Published);

        await NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3"),
            new NanoGptOpenAITranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Language = "en" });

        var r = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, r.Method);
        Assert.Equal("https://nano-gpt.com/api/v1/audio/transcriptions", r.Uri.AbsoluteUri);
        Assert.Equal(NanoGptTestKit.ApiKey, r.Headers["x-api-key"]);
        Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal);
        Assert.True(JsonElement.DeepEquals(
            JsonDocument.Parse(NanoGptTestKit.Payload("v1-audio-transcriptions-json-request.json")).RootElement,
            JsonDocument.Parse(r.BodyText).RootElement));
        Assert.Equal("{\"model\":\"Whisper-Large-V3\",\"file_url\":\"https://example.com/audio.mp3\",\"language\":\"en\"}", r.BodyText);
    }

    [Fact]
    public async Task A_local_file_is_sent_as_multipart_file_with_model_and_no_language_when_unset()
    {
        var (mock, requests) = NanoGptTestKit.Script(Published);
        var path = NanoGptTestKit.TempAudio("meeting.m4a", 3000);

        await NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromFile(path));

        var r = Assert.Single(requests);
        var parts = MultipartPart.Parse(r.ContentType!, r.Body);
        Assert.Equal(new[] { "model", "file" }, parts.Select(p => p.Name));
        Assert.Equal("Whisper-Large-V3", parts[0].Text);
        Assert.Equal("meeting.m4a", parts[1].FileName);
        Assert.Equal(File.ReadAllBytes(path), parts[1].Content);
    }

    [Fact]
    public async Task The_published_response_parses_into_text_language_and_duration()
    {
        var (mock, _) = NanoGptTestKit.Script(Published);

        var result = await NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3"));

        Assert.Equal("The transcribed text goes here.", result.Text);
        Assert.Equal("en", result.Language);
        Assert.Equal(TimeSpan.FromSeconds(45.2), result.Duration);
        Assert.Equal("The transcribed text goes here.", result.ToTranscript().Text);
    }

    [Fact]
    public async Task A_text_only_answer_as_in_the_agent_guide_parses_too()
    {
        var (mock, _) = NanoGptTestKit.Script(() => NanoGptTestKit.Json(HttpStatusCode.OK, "{\"text\":\"hi\"}"));

        var result = await NanoGptTestKit.Client(mock).CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"));

        Assert.Equal("hi", result.Text);
        Assert.Null(result.Language);
        Assert.Null(result.Duration);
    }

    [Fact]
    public async Task Bad_inputs_are_rejected_before_anything_is_sent()
    {
        var (mock, requests) = NanoGptTestKit.Script();
        var client = NanoGptTestKit.Client(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOpenAITranscriptionAsync(AudioInput.FromUrl("ftp://example.com/a.mp3")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOpenAITranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptOpenAITranscriptionOptions { Language = " " }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CreateOpenAITranscriptionAsync(AudioInput.FromFile(NanoGptTestKit.TempAudio("notes.txt"))));
        Assert.Empty(requests);
    }

    private const string ModelList = """
        {"object":"list","data":[
          {"id":"Whisper-Large-V3","object":"model","name":"Whisper","capabilities":{"text_to_speech":false,"speech_to_text":true},
           "architecture":{"modality":"audio->text","input_modalities":["audio"],"output_modalities":["text"]},"pricing":{"currency":"USD"},
           "supported_parameters":{"diarization":true,"languages":["en","fr"]}},
          {"id":"Brand-New-STT","object":"model","capabilities":{"speech_to_text":true},"supported_parameters":{"diarize":["speakers"]}},
          {"id":"Elevenlabs-STT","object":"model","capabilities":{"speech_to_text":true},"supported_parameters":{}}],
         "meta":{"count":3,"generated_at":"2026-08-22T00:00:00Z","type":"stt"}}
        """;

    [Fact]
    public async Task Discovery_asks_for_stt_models_and_is_preferred_over_the_built_in_list()
    {
        var (mock, requests) = NanoGptTestKit.Script(
            () => NanoGptTestKit.Json(HttpStatusCode.OK, ModelList),
            () => NanoGptTestKit.Json(HttpStatusCode.OK, NanoGptTestKit.Payload("transcribe-sync-response.json")));
        var client = NanoGptTestKit.Client(mock);
        Assert.All(client.Models, m => Assert.False(m.IsDiscovered));
        Assert.True(client.Models.Single(m => m.Id == "Elevenlabs-STT").SupportsDiarization);

        var models = await client.DiscoverModelsAsync();

        var r = requests[0];
        Assert.Equal(HttpMethod.Get, r.Method);
        Assert.Equal("https://nano-gpt.com/api/v1/audio-models?detailed=true&type=stt", r.Uri.AbsoluteUri);
        Assert.Equal(new[] { "Whisper-Large-V3", "Brand-New-STT", "Elevenlabs-STT" }, models.Select(m => m.Id));
        Assert.Same(models, client.Models);
        Assert.True(models[0].SupportsDiarization);
        Assert.Equal(new[] { "audio" }, models[0].InputModalities);
        Assert.Equal(2, models[0].SupportedParameters!.Value.GetProperty("languages").GetArrayLength());
        Assert.True(models[1].SupportsDiarization);
        Assert.Null(models[2].SupportsDiarization); // the list says nothing: the built-in knowledge still applies

        // Whisper diarizes per the discovered list, so the client lets the request through.
        await client.StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Diarize = true });
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task Without_discovery_the_built_in_list_still_guards_diarization()
    {
        var (mock, requests) = NanoGptTestKit.Script();

        await Assert.ThrowsAsync<ArgumentException>(() => NanoGptTestKit.Client(mock).StartTranscriptionAsync(
            AudioInput.FromUrl("https://example.com/a.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.WhisperLargeV3, Diarize = true }));
        Assert.Empty(requests);
    }
}
