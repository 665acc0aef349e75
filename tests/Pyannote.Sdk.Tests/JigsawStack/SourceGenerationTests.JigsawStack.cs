using System.Text.Json;

namespace Pyannote.Sdk.Tests.Ship;

public partial class SourceGenerationTests
{
    [Fact]
    public void JigsawStack_file_store_body_serializes_without_reflection()
    {
        var body = new Dictionary<string, object> { ["key"] = "a.wav", ["overwrite"] = true };

        var json = JsonSerializer.Serialize(body, Sdk.Generated.JigsawStack.JigsawStackGeneratedClient.TypeInfo<Dictionary<string, object>>());

        Assert.Equal("""{"key":"a.wav","overwrite":true}""", json);
    }
}
