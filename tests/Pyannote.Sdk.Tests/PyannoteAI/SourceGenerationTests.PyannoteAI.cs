using System.Text.Json;

namespace Pyannote.Sdk.Tests.Ship;

public partial class SourceGenerationTests
{
    [Fact]
    public void Unknown_fields_survive_a_read_and_write_through_the_context()
    {
        // AdditionalProperties values are JsonElements, which the context also lists.
        var info = Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient.TypeInfo<Sdk.Generated.PyannoteAI.JobOutput>();
        var output = JsonSerializer.Deserialize("""{"diarization":[],"future_field":{"a":[1,2]}}""", info)!;

        var element = JsonSerializer.SerializeToElement(output, info);

        Assert.Equal("""{"a":[1,2]}""", element.GetProperty("future_field").GetRawText());
    }
}
