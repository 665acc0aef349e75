using System.Text.Json;

namespace Pyannote.Sdk.Tests.NanoGpt;

/// <summary>Pins the wire facts of our NanoGPT OpenAPI document (openapi/nanogpt.json) that the generated client relies on.</summary>
public class NanoGptOpenApiDocumentTests
{
    private static JsonElement Doc() => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "nanogpt.json"))).RootElement;

    [Fact]
    public void Server_is_the_host_root_and_paths_carry_the_api_prefix_with_api_key_auth()
    {
        var doc = Doc();
        Assert.Equal("https://nano-gpt.com", doc.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(new[] { "/api/transcribe", "/api/transcribe/status", "/api/v1/audio-models" }, doc.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("x-api-key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public void Transcribe_answers_200_or_202_and_flags_are_text_in_the_form_and_booleans_in_json()
    {
        var doc = Doc();
        var op = doc.GetProperty("paths").GetProperty("/api/transcribe").GetProperty("post");
        Assert.Equal("#/components/schemas/TranscribeResponse", op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/TranscribeAsyncResponse", op.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var form = schemas.GetProperty("TranscribeFormRequest").GetProperty("properties");
        Assert.Equal("binary", form.GetProperty("audio").GetProperty("format").GetString());
        foreach (var flag in new[] { "diarize", "tagAudioEvents" })
        {
            Assert.Equal("string", form.GetProperty(flag).GetProperty("type").GetString());
            Assert.Equal(new[] { "true", "false" }, form.GetProperty(flag).GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("boolean", schemas.GetProperty("TranscribeJsonRequest").GetProperty("properties").GetProperty(flag).GetProperty("type").GetString());
        }

        Assert.Equal("audioUrl", schemas.GetProperty("TranscribeJsonRequest").GetProperty("required")[0].GetString());
    }

    [Fact]
    public void Open_ended_values_are_strings_with_known_values_and_error_is_untyped()
    {
        var schemas = Doc().GetProperty("components").GetProperty("schemas");
        var model = schemas.GetProperty("TranscribeJsonRequest").GetProperty("properties").GetProperty("model");
        Assert.Equal("string", model.GetProperty("type").GetString());
        Assert.False(model.TryGetProperty("enum", out _));
        Assert.Contains("Elevenlabs-STT", model.GetProperty("x-known-values").EnumerateArray().Select(e => e.GetString()));
        var status = schemas.GetProperty("TranscribeStatusResponse").GetProperty("properties").GetProperty("status");
        Assert.Equal(new[] { "pending", "processing", "completed", "failed" }, status.GetProperty("x-known-values").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schemas.GetProperty("NanoGptError").GetProperty("properties").GetProperty("error").TryGetProperty("type", out _));
        Assert.Equal("speaker_id", schemas.GetProperty("TranscriptionWord").GetProperty("properties").EnumerateObject().Last().Name);
    }
}
