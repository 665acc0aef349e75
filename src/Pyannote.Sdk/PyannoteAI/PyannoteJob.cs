using Pyannote.Sdk.Jobs;
using G = Pyannote.Sdk.Generated.PyannoteAI;

namespace Pyannote.Sdk.PyannoteAI;

/// <summary>A pyannoteAI job (diarization, identification or voiceprint): inspect it, refresh it, or wait for its
/// result. Carries the service's latest warning.</summary>
/// <typeparam name="T">The job's result.</typeparam>
public abstract class PyannoteJob<T> : SpeechJob<T>
{
    private readonly PyannoteClient? _client;

    /// <summary>For mocking only.</summary>
    protected PyannoteJob()
    {
    }

    private protected PyannoteJob(PyannoteClient client, string id, JobStatus status, string? warning)
        : base(id, status, client.Options)
    {
        _client = client;
        Warning = warning;
    }

    /// <inheritdoc />
    public override SpeechVendor Vendor => SpeechVendor.Pyannote;

    /// <summary>The latest warning from the service (when the job was created, or in its output).</summary>
    public virtual string? Warning { get; private set; }

    /// <summary>Maps a succeeded job's output to the result.</summary>
    private protected abstract T Map(G.JobOutput output);

    private protected override async Task<JobSnapshot<T>> FetchAsync(CancellationToken cancellationToken)
    {
        using var scope = Http.CallScope.Begin(null);
        var job = await _client!.FetchJobAsync(Id, cancellationToken).ConfigureAwait(false);
        Warning = job.Output?.Warning ?? Warning;
        return PyannoteJobSnapshots.From(Id, job, output =>
        {
            var result = Map(output);
            if (result is DiarizationResult diarization)
            {
                diarization.Response = scope.LastResponse;
            }

            return result;
        });
    }
}

/// <summary>Turns one <c>GET /v1/jobs/{jobId}</c> answer into a job snapshot.</summary>
internal static class PyannoteJobSnapshots
{
    public static JobStatus Status(string? status) =>
        string.IsNullOrWhiteSpace(status)
            ? throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, "the job has no status.")
            : new JobStatus(status);

    public static JobSnapshot<T> From<T>(string id, G.JobResponse job, Func<G.JobOutput, T> map)
    {
        var status = Status(job.Status);
        if (status.IsSucceeded)
        {
            if (job.Output is null)
            {
                throw new SpeechResponseFormatException(SpeechVendor.Pyannote, 200, $"job {id} succeeded but its output is missing.");
            }

            return JobSnapshot<T>.Succeeded(status, map(job.Output));
        }

        if (status.IsFailed || status.IsCanceled)
        {
            return JobSnapshot<T>.Failed(status, job.Output?.Error);
        }

        return JobSnapshot<T>.Running(status);
    }
}
