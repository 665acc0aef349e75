using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Pyannote.Sdk.Http;

/// <summary>
/// The one place that sends the caller's additional request fields (options the SDK does not model yet) and keeps the
/// vendor's raw answer. A field is sent as given; the only rule is that it must not clash with a field the SDK sends
/// from a typed option.
/// </summary>
internal static class ExtraFields
{
    /// <summary>Puts <paramref name="fields"/> into a generated JSON body's extension data, after checking each name
    /// against the body's typed properties.</summary>
    /// <exception cref="ArgumentException">A name is empty or belongs to a typed option.</exception>
    public static void AddToJson<T>(IDictionary<string, object> extensionData, IDictionary<string, JsonNode?> fields, JsonTypeInfo<T> body, string paramName)
    {
        if (fields.Count == 0)
        {
            return;
        }

        var typed = body.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            Check(name, typed.Contains(name), paramName);
            using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
            extensionData[name] = document.RootElement.Clone();
        }
    }

    /// <summary>The fields as multipart text values (a JSON string as its text, anything else as its JSON), after
    /// checking each name against <paramref name="typed"/>, the form's own field names.</summary>
    /// <exception cref="ArgumentException">A name is empty or belongs to a typed option.</exception>
    public static IEnumerable<(string Name, string Value)> ForForm(IDictionary<string, JsonNode?> fields, ICollection<string> typed, string paramName)
    {
        var result = new List<(string, string)>(fields.Count);
        foreach (var (name, value) in fields)
        {
            Check(name, typed.Contains(name), paramName);
            if (value is null)
            {
                continue;
            }

            result.Add((name, value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString()));
        }

        return result;
    }

    /// <summary>The raw answer: the generated DTO written back as JSON, its unknown members (kept in the DTO's extension
    /// data) included.</summary>
    public static JsonElement Raw<T>(T dto, JsonTypeInfo<T> info) => JsonSerializer.SerializeToElement(dto, info);

    private static void Check(string name, bool typed, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An additional field needs a name.", paramName);
        }

        if (typed)
        {
            throw new ArgumentException($"The additional field '{name}' is sent by a typed option; set that option instead.", paramName);
        }
    }
}

/// <summary>A vendor's raw answer, written out from its DTO the first time it is asked for (most callers never do).</summary>
internal sealed class RawJson(Func<JsonElement> factory)
{
    private JsonElement? _value;

    public JsonElement Value => _value ??= factory();

    public static RawJson Of<T>(T dto, JsonTypeInfo<T> info) => new(() => ExtraFields.Raw(dto, info));
}
