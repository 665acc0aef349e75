using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Generated.Together;

/// <summary>
/// Source-generated System.Text.Json metadata for every Together DTO (the bodies the hand-written layer builds and reads;
/// Together's document has no generated operations), so reading and writing them needs no reflection and works trimmed
/// and with Native AOT. <see cref="TogetherGeneratedClient"/> installs it as the resolver of its serializer settings. <see cref="JsonElement"/> is listed for the
/// <c>AdditionalProperties</c> bags, whose values are read as JSON elements and written back as such.
/// </summary>
[JsonSerializable(typeof(TranscriptionForm))]
[JsonSerializable(typeof(TranslationForm))]
[JsonSerializable(typeof(TranscriptionResult))]
[JsonSerializable(typeof(TranscriptionSegment))]
[JsonSerializable(typeof(TranscriptionWord))]
[JsonSerializable(typeof(SpeakerSegment))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(ErrorDetail))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TogetherJsonContext : JsonSerializerContext
{
}
