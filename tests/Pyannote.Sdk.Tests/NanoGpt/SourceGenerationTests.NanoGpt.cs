using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pyannote.Sdk.Tests.Ship;

public partial class SourceGenerationTests
{
    [Fact]
    public void Generated_enum_converters_still_write_strings_and_unset_fields_stay_off_the_wire()
    {
        var request = new Sdk.Generated.NanoGpt.TranscribeFormRequest
        {
            AudioUrl = new Uri("https://example.com/a.mp3"),
            Diarize = Sdk.Generated.NanoGpt.Diarize.True,
        };

        var json = JsonSerializer.Serialize(request, Sdk.Generated.NanoGpt.NanoGptGeneratedClient.TypeInfo<Sdk.Generated.NanoGpt.TranscribeFormRequest>());
        var reflection = new JsonSerializerOptions(Sdk.Generated.NanoGpt.NanoGptGeneratedClient.SerializerOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        Assert.Equal(JsonSerializer.Serialize(request, reflection), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("diarize").ValueKind);
        Assert.False(doc.RootElement.TryGetProperty("model", out _));
    }
}
