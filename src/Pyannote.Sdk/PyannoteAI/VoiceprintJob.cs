using Pyannote.Sdk.Jobs;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI voiceprint job: its value is the voiceprint, to pass to identification as a
/// <see cref="PyannoteVoiceprint"/>.</summary>
public class VoiceprintJob : PyannoteJob<string>
{
    /// <summary>For mocking only.</summary>
    protected VoiceprintJob()
    {
    }

    internal VoiceprintJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(client, id, status, warning)
    {
    }

    private protected override string Map(G.JobOutput output) => PyannoteMapper.ToVoiceprint(output);
}
