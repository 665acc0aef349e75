using Pyannote.Sdk.Jobs;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI identification job: inspect it, refresh it, or wait for its <see cref="IdentificationResult"/>.</summary>
public class IdentificationJob : PyannoteJob<IdentificationResult>
{
    /// <summary>For mocking only.</summary>
    protected IdentificationJob()
    {
    }

    internal IdentificationJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(client, id, status, warning)
    {
    }

    private protected override IdentificationResult Map(G.JobOutput output) => PyannoteMapper.ToIdentificationResult(output);
}
