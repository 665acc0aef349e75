using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pyannote.Sdk.Generated.Together;

namespace Pyannote.Sdk.Together;

/// <summary>
/// A diarized Together answer repeats a handful of speaker labels (<c>SPEAKER_00</c>, ...) on every word, twice (the
/// top-level words and the speaker segments' words): tens of thousands of identical strings for a long recording. This
/// reads <c>speaker_id</c> through a small cache of recent labels, so each distinct label is allocated once.
/// Installed as a type-info modifier over the source-generated context (trimming- and AOT-safe).
/// </summary>
internal static class SpeakerLabelInterning
{
    private static readonly LabelConverter Converter = new();

    /// <summary>Points the <c>speaker_id</c> properties of the word and speaker-segment DTOs at the interning converter.</summary>
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(TranscriptionWord) && typeInfo.Type != typeof(SpeakerSegment))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == "speaker_id" && property.PropertyType == typeof(string))
            {
                property.CustomConverter = Converter;
            }
        }
    }

    /// <summary>Reads a string, returning a cached instance when the text equals a recently read label. Thread-safe:
    /// the cache only ever holds complete strings, and a lost race merely allocates a duplicate.</summary>
    internal sealed class LabelConverter : JsonConverter<string>
    {
        private const int MaxLabelLength = 64;
        private readonly string?[] _recent = new string?[8];
        private int _next;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= MaxLabelLength)
            {
                var recent = _recent;
                for (var i = 0; i < recent.Length; i++)
                {
                    if (recent[i] is { } cached && reader.ValueTextEquals(cached))
                    {
                        return cached;
                    }
                }

                var value = reader.GetString()!;
                recent[(int)((uint)Interlocked.Increment(ref _next) % (uint)recent.Length)] = value;
                return value;
            }

            return reader.GetString();
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
