using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Generated.JigsawStack;

/// <summary>
/// Source-generated System.Text.Json metadata for every JigsawStack DTO (request and response bodies of the generated client
/// and of the hand-written layer), so reading and writing them needs no reflection and works trimmed and with Native
/// AOT. <see cref="JigsawStackGeneratedClient"/> installs it as the resolver of its serializer settings; the settings themselves
/// (ignore conditions, leniency) stay those of the generated client. <see cref="JsonElement"/> is listed for the
/// <c>AdditionalProperties</c> bags, whose values are read as JSON elements and written back as such.
/// </summary>
[JsonSerializable(typeof(TranscribeRequest))]
[JsonSerializable(typeof(TranscribeUpload))]
[JsonSerializable(typeof(TranscribeResponse))]
[JsonSerializable(typeof(TranscriptChunk))]
[JsonSerializable(typeof(SpeakerChunk))]
[JsonSerializable(typeof(Usage))]
[JsonSerializable(typeof(StoreUpload))]
[JsonSerializable(typeof(StoredFile))]
[JsonSerializable(typeof(StoredFileInfo))]
[JsonSerializable(typeof(StoredFileDeleted))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(TranscriptionAcknowledgement))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Collections.Generic.Dictionary<string, object>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class JigsawStackJsonContext : JsonSerializerContext
{
}
