using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Generated.NanoGpt;

/// <summary>
/// Source-generated System.Text.Json metadata for every NanoGpt DTO (request and response bodies of the generated client
/// and of the hand-written layer), so reading and writing them needs no reflection and works trimmed and with Native
/// AOT. <see cref="NanoGptGeneratedClient"/> installs it as the resolver of its serializer settings; the settings themselves
/// (ignore conditions, leniency) stay those of the generated client. <see cref="JsonElement"/> is listed for the
/// <c>AdditionalProperties</c> bags, whose values are read as JSON elements and written back as such.
/// </summary>
[JsonSerializable(typeof(TranscribeFormRequest))]
[JsonSerializable(typeof(TranscribeJsonRequest))]
[JsonSerializable(typeof(TranscriptionMetadata))]
[JsonSerializable(typeof(TranscribeResponse))]
[JsonSerializable(typeof(TranscribeAsyncResponse))]
[JsonSerializable(typeof(TranscribeStatusRequest))]
[JsonSerializable(typeof(TranscriptionWord))]
[JsonSerializable(typeof(DiarizationSegment))]
[JsonSerializable(typeof(Diarization))]
[JsonSerializable(typeof(TranscribeStatusResponse))]
[JsonSerializable(typeof(NanoGptError))]
[JsonSerializable(typeof(OpenAITranscriptionForm))]
[JsonSerializable(typeof(OpenAITranscriptionJsonRequest))]
[JsonSerializable(typeof(OpenAITranscriptionResponse))]
[JsonSerializable(typeof(AudioModelArchitecture))]
[JsonSerializable(typeof(AudioModelCapabilities))]
[JsonSerializable(typeof(AudioModel))]
[JsonSerializable(typeof(AudioModelListMeta))]
[JsonSerializable(typeof(AudioModelList))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Collections.Generic.Dictionary<string, object>))]
internal sealed partial class NanoGptJsonContext : JsonSerializerContext
{
}
