using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>One entry of <see cref="PyannoteClient.ListJobsAsync"/>: a job without its output.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Status">The job's status.</param>
/// <param name="CreatedAt">When the job was created.</param>
public sealed record PyannoteJobSummary(string Id, JobStatus Status, DateTimeOffset CreatedAt);
