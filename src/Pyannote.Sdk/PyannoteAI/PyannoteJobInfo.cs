using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI job as <see cref="PyannoteClient.GetJobAsync"/> returns it, whatever its type.</summary>
public sealed class PyannoteJobInfo
{
    internal PyannoteJobInfo(string id, JobStatus status, DateTimeOffset? createdAt, DateTimeOffset? updatedAt, string? warning, string? error, System.Text.Json.JsonElement? output)
    {
        Id = id;
        Status = status;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Warning = warning;
        Error = error;
        Output = output;
    }

    /// <summary>The job id.</summary>
    public string Id { get; }

    /// <summary>The job's status.</summary>
    public JobStatus Status { get; }

    /// <summary>When the job was created, if the service said.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>When the job last changed, if the service said.</summary>
    public DateTimeOffset? UpdatedAt { get; }

    /// <summary>The output's warning, if any.</summary>
    public string? Warning { get; }

    /// <summary>Why the job failed, if the service said.</summary>
    public string? Error { get; }

    /// <summary>The raw <c>output</c> object (present once the job succeeded, for 24 hours). Read it through a typed job
    /// (<see cref="PyannoteClient.GetDiarizationJob"/> and its siblings) for typed results.</summary>
    public System.Text.Json.JsonElement? Output { get; }
}
