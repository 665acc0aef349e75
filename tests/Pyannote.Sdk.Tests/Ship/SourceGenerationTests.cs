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
public partial class SourceGenerationTests
{
    public static TheoryData<string> Vendors() => new(TestVendor.All.Select(v => v.GeneratedFolder));

    private static JsonSerializerOptions Settings(string vendor) => TestVendor.All.Single(v => v.GeneratedFolder == vendor).GeneratedJsonOptions;

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
}
