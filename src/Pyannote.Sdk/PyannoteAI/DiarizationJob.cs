using Pyannote.Sdk.Jobs;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI diarization job: inspect it, refresh it, or wait for its <see cref="DiarizationResult"/>.
/// Resume a job started elsewhere with <see cref="PyannoteClient.GetDiarizationJob"/>.</summary>
public class DiarizationJob : PyannoteJob<DiarizationResult>
{
    private readonly string? _transcriptionModel;

    /// <summary>For mocking only.</summary>
    protected DiarizationJob()
    {
    }

    internal DiarizationJob(PyannoteClient client, string id, JobStatus status, string? warning, string? transcriptionModel)
        : base(client, id, status, warning)
    {
        _transcriptionModel = transcriptionModel;
    }

    private protected override DiarizationResult Map(G.JobOutput output) => PyannoteMapper.ToDiarizationResult(output, _transcriptionModel);
}
