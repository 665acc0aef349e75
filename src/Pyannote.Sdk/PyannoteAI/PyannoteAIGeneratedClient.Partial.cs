using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Generated.PyannoteAI;

/// <summary>Serializer settings of the generated pyannoteAI client: unset (null) request fields are left out of the JSON,
/// so the vendor applies its own defaults.</summary>
internal partial class PyannoteAIGeneratedClient
{
    /// <summary>The settings every pyannoteAI body is read and written with (also used by the output mapper).</summary>
    internal static JsonSerializerOptions SharedSettings => _settings.Value;

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
