using System.Text.Json.Nodes;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>A pyannoteAI job. Its status is computed from the elapsed time, so no timer is needed to move it along.</summary>
internal sealed class PyannoteJob
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Model { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan Queued { get; init; }
    public required TimeSpan Running { get; init; }
    public required JobFault Fault { get; init; }
    /// <summary>Output on success; null when the job fails.</summary>
    public JsonObject? Output { get; init; }
    /// <summary>Failure message (e.g. "Could not load audio") when the job fails on its own.</summary>
    public string? Error { get; init; }

    public string TerminalStatus => Fault switch
    {
        JobFault.Canceled => "canceled",
        JobFault.Failed => "failed",
        _ => Error is null ? "succeeded" : "failed",
    };

    public (string Status, DateTimeOffset UpdatedAt) StatusAt(DateTimeOffset now)
    {
        var elapsed = now - CreatedAt;
        if (elapsed < Queued)
        {
            return ("created", CreatedAt);
        }

        if (elapsed < Queued + Running)
        {
            return ("running", CreatedAt + Queued);
        }

        return (TerminalStatus, CreatedAt + Queued + Running);
    }

    public JsonObject ToJson(DateTimeOffset now)
    {
        var (status, updatedAt) = StatusAt(now);
        var json = new JsonObject
        {
            ["jobId"] = Id,
            ["status"] = status,
            ["createdAt"] = CreatedAt.UtcDateTime.ToString("O"),
            ["updatedAt"] = updatedAt.UtcDateTime.ToString("O"),
        };
        if (status == "succeeded" && Output is not null)
        {
            json["output"] = Output.DeepClone();
        }
        else if (status == "failed")
        {
            json["output"] = new JsonObject { ["error"] = Error ?? "Job failed (emulated fault)" };
        }

        return json;
    }
}
