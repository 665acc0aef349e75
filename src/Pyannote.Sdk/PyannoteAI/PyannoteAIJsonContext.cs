using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Generated.PyannoteAI;

/// <summary>
/// Source-generated System.Text.Json metadata for every PyannoteAI DTO (request and response bodies of the generated client
/// and of the hand-written layer), so reading and writing them needs no reflection and works trimmed and with Native
/// AOT. <see cref="PyannoteAIGeneratedClient"/> installs it as the resolver of its serializer settings; the settings themselves
/// (ignore conditions, leniency) stay those of the generated client. <see cref="JsonElement"/> is listed for the
/// <c>AdditionalProperties</c> bags, whose values are read as JSON elements and written back as such.
/// </summary>
[JsonSerializable(typeof(MediaUrlRequest))]
[JsonSerializable(typeof(MediaResponse))]
[JsonSerializable(typeof(TestResponse))]
[JsonSerializable(typeof(TranscriptionConfiguration))]
[JsonSerializable(typeof(DiarizeRequest))]
[JsonSerializable(typeof(VoiceprintRequest))]
[JsonSerializable(typeof(MatchingOptions))]
[JsonSerializable(typeof(Voiceprint))]
[JsonSerializable(typeof(IdentifyRequest))]
[JsonSerializable(typeof(JobCreated))]
[JsonSerializable(typeof(SpeakerConfidence))]
[JsonSerializable(typeof(DiarizationSegment))]
[JsonSerializable(typeof(Confidence))]
[JsonSerializable(typeof(SpeakerProbability))]
[JsonSerializable(typeof(TranscriptionSegment))]
[JsonSerializable(typeof(IdentificationSegment))]
[JsonSerializable(typeof(IdentificationVoiceprint))]
[JsonSerializable(typeof(JobOutput))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListItem))]
[JsonSerializable(typeof(JobPage))]
[JsonSerializable(typeof(ValidationError))]
[JsonSerializable(typeof(ValidationErrorResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(CreateLiveStreamRequest))]
[JsonSerializable(typeof(LiveStreamCreated))]
[JsonSerializable(typeof(LiveStream))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class PyannoteAIJsonContext : JsonSerializerContext
{
}
