using System.Text.Json.Nodes;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>A NanoGPT asynchronous transcription run (Elevenlabs-STT).</summary>
internal sealed class NanoGptRun
{
    public required string RunId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan Queued { get; init; }
    public required TimeSpan Running { get; init; }
    public required JobFault Fault { get; init; }
    public required JsonObject Completed { get; init; }

    public string StatusAt(DateTimeOffset now)
    {
        var elapsed = now - CreatedAt;
        if (elapsed < Queued)
        {
            return "pending";
        }

        if (elapsed < Queued + Running)
        {
            return "processing";
        }

        return Fault is JobFault.Failed or JobFault.Canceled ? "failed" : "completed";
    }
}
