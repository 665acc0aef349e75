namespace Pyannote.Sdk.PyannoteAI;

/// <summary>Settings of a pyannoteAI voiceprint job (<c>POST /v1/voiceprint</c>).</summary>
public sealed class VoiceprintOptions
{
    /// <summary>The model; <see langword="null"/> for the service default (<see cref="PyannoteModel.Precision2"/>).</summary>
    public PyannoteModel? Model { get; set; }

    /// <summary>An https address that receives the outcome when the job finishes.</summary>
    public Uri? Webhook { get; set; }

    /// <summary>Send only the job id and status to <see cref="Webhook"/>, without the output.</summary>
    public bool? WebhookStatusOnly { get; set; }
}
