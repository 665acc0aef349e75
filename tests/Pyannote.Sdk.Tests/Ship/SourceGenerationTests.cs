using System.CodeDom.Compiler;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>
/// The libraries are marked trimming- and AOT-compatible. The generated clients call
/// <c>JsonSerializer.(De)serialize&lt;T&gt;(..., options)</c>, whose analyzer warnings (IL2026/IL3050) are suppressed for
/// <c>src/Pyannote.Sdk/Generated/</c> in <c>.editorconfig</c>. That is only safe if every DTO those calls (and the
/// hand-written layer) can meet resolves through the vendor's source-generated context with no reflection fallback:
/// these tests prove it. In this test process <see cref="JsonSerializer.IsReflectionEnabledByDefault"/> is
/// <see langword="true"/>, so the tests check the resolver itself (a reflection resolver would hide a missing type); in
/// a trimmed or Native AOT app it is <see langword="false"/> and the settings below are all the serializer has.
/// </summary>
public class SourceGenerationTests
{
    public static TheoryData<string> Vendors() => new() { "Together", "JigsawStack", "NanoGpt", "PyannoteAI" };

    private static JsonSerializerOptions Settings(string vendor) => vendor switch
    {
        "Together" => Sdk.Generated.Together.TogetherGeneratedClient.Json,
        "JigsawStack" => Sdk.Generated.JigsawStack.JigsawStackGeneratedClient.Json,
        "NanoGpt" => Sdk.Generated.NanoGpt.NanoGptGeneratedClient.SerializerOptions,
        "PyannoteAI" => Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient.SharedSettings,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor)),
    };

    /// <summary>Every class NJsonSchema generated for the vendor (the request, response and error DTOs).</summary>
    private static Type[] Dtos(string vendor) =>
        typeof(ISpeechClient).Assembly.GetTypes()
            .Where(t => t.Namespace == "Pyannote.Sdk.Generated." + vendor && t.IsClass && !t.IsNested)
            .Where(t => t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema")
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_settings_resolve_through_the_source_generated_context_only(string vendor)
    {
        var options = Settings(vendor);
        var resolver = options.TypeInfoResolver!;

        // The vendor's context is the source (directly, or under a type-info modifier), and nothing falls back to
        // reflection: a type the context does not list resolves to nothing.
        Assert.NotNull(resolver.GetTypeInfo(Dtos(vendor)[0], options));
        Assert.Null(resolver.GetTypeInfo(typeof(SourceGenerationTests), options));
        Assert.Null(resolver.GetTypeInfo(typeof(List<Uri>), options));
        Assert.IsNotType<DefaultJsonTypeInfoResolver>(resolver);
        var context = resolver as JsonSerializerContext ?? Assert.IsAssignableFrom<JsonSerializerContext>(
            typeof(ISpeechClient).Assembly.GetType("Pyannote.Sdk.Generated." + vendor + "." + vendor + "JsonContext")!.GetProperty("Default")!.GetValue(null));
        Assert.Equal(vendor + "JsonContext", context.GetType().Name);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Every_generated_DTO_has_source_generated_metadata(string vendor)
    {
        var options = Settings(vendor);
        var dtos = Dtos(vendor);
        Assert.True(dtos.Length >= 6, $"found only {dtos.Length} DTOs for {vendor}: the discovery rule is wrong.");

        var missing = dtos.Where(t => options.TypeInfoResolver!.GetTypeInfo(t, options) is null).Select(t => t.Name).ToList();

        Assert.True(missing.Count == 0, $"{vendor}: no source-generated metadata for {string.Join(", ", missing)}; add [JsonSerializable] to {vendor}JsonContext.");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Every_property_type_of_every_DTO_resolves_too(string vendor)
    {
        // The generator follows property types, but a type it cannot describe would only fail at run time.
        var options = Settings(vendor);
        var missing = new List<string>();
        foreach (var dto in Dtos(vendor))
        {
            foreach (var property in options.GetTypeInfo(dto).Properties)
            {
                if (property.CustomConverter is null && options.TypeInfoResolver!.GetTypeInfo(property.PropertyType, options) is null)
                {
                    missing.Add($"{dto.Name}.{property.Name} ({property.PropertyType.Name})");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Source_generation_writes_what_reflection_would(string vendor)
    {
        // Keeping the settings' semantics: the same instance serialized through the context and through reflection
        // (same options otherwise) gives the same JSON, for every DTO.
        var generated = Settings(vendor);
        var reflection = new JsonSerializerOptions(generated) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var dto in Dtos(vendor))
        {
            var instance = Activator.CreateInstance(dto)!;

            Assert.Equal(JsonSerializer.Serialize(instance, dto, reflection), JsonSerializer.Serialize(instance, generated.GetTypeInfo(dto)));
        }
    }

    [Fact]
    public void Generated_enum_converters_still_write_strings_and_unset_fields_stay_off_the_wire()
    {
        var request = new Sdk.Generated.NanoGpt.TranscribeFormRequest
        {
            AudioUrl = new Uri("https://example.com/a.mp3"),
            Diarize = Sdk.Generated.NanoGpt.Diarize.True,
        };

        var json = JsonSerializer.Serialize(request, Sdk.Generated.NanoGpt.NanoGptGeneratedClient.TypeInfo<Sdk.Generated.NanoGpt.TranscribeFormRequest>());
        var reflection = new JsonSerializerOptions(Sdk.Generated.NanoGpt.NanoGptGeneratedClient.SerializerOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        Assert.Equal(JsonSerializer.Serialize(request, reflection), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("diarize").ValueKind);
        Assert.False(doc.RootElement.TryGetProperty("model", out _));
    }

    [Fact]
    public void Unknown_fields_survive_a_read_and_write_through_the_context()
    {
        // AdditionalProperties values are JsonElements, which the context also lists.
        var info = Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient.TypeInfo<Sdk.Generated.PyannoteAI.JobOutput>();
        var output = JsonSerializer.Deserialize("""{"diarization":[],"future_field":{"a":[1,2]}}""", info)!;

        var element = JsonSerializer.SerializeToElement(output, info);

        Assert.Equal("""{"a":[1,2]}""", element.GetProperty("future_field").GetRawText());
    }

    [Fact]
    public void Together_speaker_labels_are_read_once_per_distinct_label()
    {
        var info = Sdk.Generated.Together.TogetherGeneratedClient.TypeInfo<Sdk.Generated.Together.TranscriptionResult>();
        const string json = """
            {"text":"a b c","words":[{"word":"a","start":0,"end":1,"speaker_id":"SPEAKER_00"},{"word":"b","start":1,"end":2,"speaker_id":"SPEAKER_01"},
            {"word":"c","start":2,"end":3,"speaker_id":"SPEAKER_00"},{"word":"d","start":3,"end":4,"speaker_id":"SPEAKER_\u0030"},{"word":"e","start":4,"end":5,"speaker_id":null}],
            "speaker_segments":[{"speaker_id":"SPEAKER_00","start":0,"end":1,"text":"a","words":[]}]}
            """;

        var dto = JsonSerializer.Deserialize(json, info)!;

        Assert.Same(dto.Words![0].Speaker_id, dto.Words[2].Speaker_id);
        Assert.Same(dto.Words[0].Speaker_id, dto.Speaker_segments![0].Speaker_id);
        Assert.Equal("SPEAKER_01", dto.Words[1].Speaker_id);
        Assert.Equal("SPEAKER_0", dto.Words[3].Speaker_id);
        Assert.Null(dto.Words[4].Speaker_id);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"text":"","words":[{"word":"a","start":0,"end":1,"speaker_id":7}]}""", info));
    }

    [Fact]
    public void JigsawStack_file_store_body_serializes_without_reflection()
    {
        var body = new Dictionary<string, object> { ["key"] = "a.wav", ["overwrite"] = true };

        var json = JsonSerializer.Serialize(body, Sdk.Generated.JigsawStack.JigsawStackGeneratedClient.TypeInfo<Dictionary<string, object>>());

        Assert.Equal("""{"key":"a.wav","overwrite":true}""", json);
    }
}
