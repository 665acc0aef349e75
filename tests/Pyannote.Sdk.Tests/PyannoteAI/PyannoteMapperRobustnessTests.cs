using System.Text;
using Pyannote.Sdk.PyannoteAI;

namespace Pyannote.Sdk.Tests.PyannoteAI;

/// <summary>A job output that breaks the schema is a typed format error on every mapping path, never a crash.</summary>
public class PyannoteMapperRobustnessTests
{
    [Theory]
    [InlineData("""{"diarization":[null]}""", "diarization[0]")]
    [InlineData("""{"diarization":[],"exclusiveDiarization":[{"speaker":"A","start":0,"end":1},null]}""", "diarization[1]")]
    [InlineData("""{"diarization":[],"wordLevelTranscription":[null]}""", "wordLevelTranscription[0]")]
    [InlineData("""{"diarization":[],"turnLevelTranscription":[null]}""", "turnLevelTranscription[0]")]
    public void Null_entries_in_a_diarization_output_are_format_errors(string json, string field)
    {
        var ex = Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToDiarizationResult(PyannoteMapper.Parse(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(field, ex.Message);
    }

    [Theory]
    [InlineData("""{"diarization":[],"identification":[null]}""", "identification[0]")]
    [InlineData("""{"diarization":[],"voiceprints":[null]}""", "voiceprints[0]")]
    public void Null_entries_in_an_identification_output_are_format_errors(string json, string field)
    {
        var ex = Assert.Throws<SpeechResponseFormatException>(() => PyannoteMapper.ToIdentificationResult(PyannoteMapper.Parse(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(field, ex.Message);
    }
}
