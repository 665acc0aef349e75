using System.Net;
using System.Text.Json;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.NanoGpt;
using static Pyannote.Sdk.Tests.NanoGpt.NanoGptTestKit;

namespace Pyannote.Sdk.Tests.NanoGpt;

public class NanoGptWireTests
{
    [Fact]
    public async Task Local_file_goes_as_multipart_audio_part_with_text_flags_and_the_api_key_header()
    {
        var path = TempAudio("meeting.mp3", 5000);
        var (mock, requests) = Script(() => Json(HttpStatusCode.Accepted, Payload("transcribe-async-202-response.json")));
        var client = Client(mock);

        var start = await client.StartTranscriptionAsync(AudioInput.FromFile(path), new NanoGptTranscriptionOptions
        {
            Model = NanoGptModel.ElevenlabsStt,
            Language = "en",
            Diarize = true,
            TagAudioEvents = false,
            ActualDuration = TimeSpan.FromSeconds(150),
        });

        Assert.False(start.IsCompleted);
        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://nano-gpt.com/api/transcribe", request.Uri.ToString());
        Assert.Equal(ApiKey, request.Headers["x-api-key"]);
        Assert.False(request.Headers.ContainsKey("authorization"));
        Assert.StartsWith("multipart/form-data", request.ContentType);

        var parts = ParseMultipart(request.ContentType!, request.Body);
        Assert.Equal(new[] { "model", "language", "actualDuration", "diarize", "tagAudioEvents", "audio" }, parts.Select(p => p.Name));
        Assert.Equal("Elevenlabs-STT", parts[0].Text);
        Assert.Equal("en", parts[1].Text);
        Assert.Equal("2.5", parts[2].Text);
        Assert.Equal("true", parts[3].Text);   // text, not a JSON boolean
        Assert.Equal("false", parts[4].Text);
        Assert.All(parts.Take(5), p => Assert.Null(p.ContentType));
        var audio = parts[5];
        Assert.Equal("meeting.mp3", audio.FileName);
        Assert.Equal("audio/mpeg", audio.ContentType);
        Assert.Equal(File.ReadAllBytes(path), audio.Body);
    }

    [Fact]
    public async Task Unset_options_are_not_sent_in_the_form()
    {
        var path = TempAudio("clip.wav");
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        await Client(mock).StartTranscriptionAsync(AudioInput.FromFile(path));

        var parts = ParseMultipart(requests[0].ContentType!, requests[0].Body);
        var part = Assert.Single(parts);
        Assert.Equal("audio", part.Name);
        Assert.Equal("clip.wav", part.FileName);
        Assert.Equal("audio/wav", part.ContentType);
    }

    [Fact]
    public async Task Url_goes_as_json_audioUrl_with_boolean_flags()
    {
        var (mock, requests) = Script(() => Json(HttpStatusCode.Accepted, Payload("transcribe-async-202-response.json")));

        await Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3?sig=abc"), new NanoGptTranscriptionOptions
        {
            Model = NanoGptModel.ElevenlabsStt,
            Diarize = true,
            TagAudioEvents = true,
        });

        var request = Assert.Single(requests);
        Assert.Equal("https://nano-gpt.com/api/transcribe", request.Uri.ToString());
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(ApiKey, request.Headers["x-api-key"]);
        using var doc = JsonDocument.Parse(request.Body);
        var root = doc.RootElement;
        Assert.Equal(new[] { "audioUrl", "model", "diarize", "tagAudioEvents" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://example.com/audio.mp3?sig=abc", root.GetProperty("audioUrl").GetString());
        Assert.Equal("Elevenlabs-STT", root.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.True, root.GetProperty("diarize").ValueKind);       // a JSON boolean here
        Assert.Equal(JsonValueKind.True, root.GetProperty("tagAudioEvents").ValueKind);
    }

    [Fact]
    public async Task Url_request_matches_the_published_example_body()
    {
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        await Client(mock).StartTranscriptionAsync(AudioInput.FromUrl("https://example.com/audio.mp3"), new NanoGptTranscriptionOptions { Model = NanoGptModel.Wizper, Language = "auto" });

        using var sent = JsonDocument.Parse(requests[0].Body);
        using var published = JsonDocument.Parse(Payload("transcribe-url-json-request.json"));
        Assert.Equal(published.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            sent.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Fact]
    public async Task Multipart_body_can_be_written_again_for_a_retry_and_streams_the_file()
    {
        var path = TempAudio("retry.m4a", 100_000);
        await using var upload = await AudioInput.FromFile(path).OpenAsync(SpeechVendor.NanoGpt, NanoGptClient.MaxUploadBytes, "audio", default);
        using var form = NanoGptClient.MultipartContent(upload, new NanoGptTranscriptionOptions { Model = NanoGptModel.Wizper });

        using var first = new MemoryStream();
        await form.CopyToAsync(first);
        using var second = new MemoryStream();
        await form.CopyToAsync(second);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(File.ReadAllBytes(path), ParseMultipart(form.Headers.ContentType!.ToString(), first.ToArray()).Single(p => p.Name == "audio").Body);
        Assert.Equal(2, form.OfType<ReplayableContent>().Single().SerializationCount);
        Assert.Equal(first.Length, form.Headers.ContentLength);
    }

    [Fact]
    public async Task Non_seekable_stream_is_spooled_and_uploaded_whole()
    {
        var bytes = TestAudio.Stamped(Enumerable.Range(0, 40_000).Select(i => (byte)(i % 253)).ToArray());
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-sync-response.json")));

        await Client(mock).StartTranscriptionAsync(AudioInput.FromStream(new NonSeekableStream(bytes), "voice.ogg"));

        var audio = ParseMultipart(requests[0].ContentType!, requests[0].Body).Single(p => p.Name == "audio");
        Assert.Equal("voice.ogg", audio.FileName);
        Assert.Equal("audio/ogg", audio.ContentType);
        Assert.Equal(bytes, audio.Body);
    }

    [Fact]
    public async Task Status_poll_posts_json_with_the_api_key()
    {
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-processing.json")));
        var job = Client(mock).GetTranscriptionJob("abc123def456");

        var status = await job.UpdateStatusAsync();

        Assert.Equal(Jobs.JobStatus.Processing, status);
        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://nano-gpt.com/api/transcribe/status", request.Uri.ToString());
        Assert.Equal(ApiKey, request.Headers["x-api-key"]);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("{\"runId\":\"abc123def456\"}", request.BodyText);
    }

    [Fact]
    public async Task Endpoint_with_a_path_prefix_is_kept()
    {
        var (mock, requests) = Script(() => Json(HttpStatusCode.OK, Payload("transcribe-status-processing.json")));
        var client = new NanoGptClient(ApiKey, new NanoGptClientOptions { Transport = mock, Endpoint = new Uri("http://127.0.0.1:5080/nanogpt") });

        await client.GetTranscriptionJob("r1").UpdateStatusAsync();

        Assert.Equal("http://127.0.0.1:5080/nanogpt/api/transcribe/status", requests[0].Uri.ToString());
        Assert.Equal(ApiKey, requests[0].Headers["x-api-key"]);
    }
}
