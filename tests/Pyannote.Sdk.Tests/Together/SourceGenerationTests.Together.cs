using System.Text.Json;

namespace Pyannote.Sdk.Tests.Ship;

public partial class SourceGenerationTests
{
    [Fact]
    public void Together_speaker_labels_are_read_once_per_distinct_label()
    {
        var info = Sdk.Generated.Together.TogetherGeneratedClient.TypeInfo<Sdk.Generated.Together.TranscriptionResult>();
        const string json = """
            {"text":"a b c","words":[{"word":"a","start":0,"end":1,"speaker_id":"SPEAKER_00"},{"word":"b","start":1,"end":2,"speaker_id":"SPEAKER_01"},
            {"word":"c","start":2,"end":3,"speaker_id":"SPEAKER_00"},{"word":"d","start":3,"end":4,"speaker_id":"SPEAKER_\u0030"},{"word":"e","start":4,"end":5,"speaker_id":null}],
            "speaker_segments":[{"speaker_id":"SPEAKER_00","start":0,"end":1,"text":"a","words":[]}]}
            """;

        var dto = JsonSerializer.Deserialize(json, info)!;

        Assert.Same(dto.Words![0].Speaker_id, dto.Words[2].Speaker_id);
        Assert.Same(dto.Words[0].Speaker_id, dto.Speaker_segments![0].Speaker_id);
        Assert.Equal("SPEAKER_01", dto.Words[1].Speaker_id);
        Assert.Equal("SPEAKER_0", dto.Words[3].Speaker_id);
        Assert.Null(dto.Words[4].Speaker_id);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"text":"","words":[{"word":"a","start":0,"end":1,"speaker_id":7}]}""", info));
    }
}
