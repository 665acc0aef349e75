using System.Diagnostics.CodeAnalysis;

namespace Pyannote.Sdk.Jobs;

/// <summary>
/// Recovers the job behind an exception. Every exception that ends a job wait or poll — the caller's own
/// <see cref="OperationCanceledException"/> included — carries the vendor's job id and the vendor key in its
/// <see cref="Exception.Data"/>, so a job that keeps running (and billing) on the vendor's side can be resumed:
/// <code>
/// catch (OperationCanceledException ex) when (SpeechJobData.TryGetJobId(ex, out var jobId))
/// {
///     // later: var result = await pyannote.GetDiarizationJob(jobId).WaitForCompletionAsync();
/// }
/// </code>
/// </summary>
public static class SpeechJobData
{
    /// <summary>The <see cref="Exception.Data"/> key of the job id (a <see cref="string"/>).</summary>
    public const string JobIdKey = "Pyannote.Sdk.JobId";

    /// <summary>The <see cref="Exception.Data"/> key of the vendor key (a <see cref="string"/>: <c>pyannote</c>,
    /// <c>nanogpt</c>, …; see <see cref="SpeechVendorExtensions.Key"/>).</summary>
    public const string VendorKey = "Pyannote.Sdk.Vendor";

    /// <summary>Reads the job id an SDK job wait attached to <paramref name="exception"/> (or to one of its inner exceptions).</summary>
    /// <param name="exception">The exception caught.</param>
    /// <param name="jobId">The job id, when found.</param>
    /// <returns>Whether a job id was found.</returns>
    public static bool TryGetJobId(Exception exception, [NotNullWhen(true)] out string? jobId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SpeechJobException job)
            {
                jobId = job.JobId;
                return true;
            }

            if (e.Data[JobIdKey] is string id && id.Length > 0)
            {
                jobId = id;
                return true;
            }
        }

        jobId = null;
        return false;
    }

    internal static void Attach(Exception exception, SpeechVendor vendor, string jobId)
    {
        if (string.IsNullOrEmpty(jobId) || exception.Data.IsReadOnly || exception.Data.Contains(JobIdKey))
        {
            return;
        }

        exception.Data[JobIdKey] = jobId;
        exception.Data[VendorKey] = vendor.Key();
    }
}
