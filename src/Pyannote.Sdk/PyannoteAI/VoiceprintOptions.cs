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

    /// <summary>Fields the SDK does not model yet, sent as given next to the typed options (for example a parameter
    /// the vendor added last week). A name a typed option already sends is rejected before anything is sent.</summary>
    public IDictionary<string, System.Text.Json.Nodes.JsonNode?> AdditionalFields { get; } = new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
}
