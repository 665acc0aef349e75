using System.Diagnostics.CodeAnalysis;

// Trimming and Native AOT for the NSwag-generated clients (src/Pyannote.Sdk/Generated, never edited by hand).
//
// IL2026 / IL3050: the generated clients call JsonSerializer.(De)serialize<T>(..., JsonSerializerSettings), the overload
// that may fall back to reflection. It cannot here: JsonSerializerSettings is always built by CreateSerializerSettings,
// which runs UpdateJsonSerializerSettings (<Vendor>/<Vendor>GeneratedClient.Partial.cs), and that installs the vendor's
// source-generated JsonSerializerContext as the only TypeInfoResolver. tests/Pyannote.Sdk.Tests/Ship/
// SourceGenerationTests.cs proves every generated DTO (and every property type) resolves through it.
//
// IL2075: the generated ConvertToString reads [EnumMember] through reflection when given an enum. The pyannoteAI client
// has no enums; the Together, JigsawStack and NanoGPT methods that take enum parameters (multipart uploads) are never
// called: the hand-written clients build those requests themselves. The SDK never passes an enum to ConvertToString.
//
// The .editorconfig section for the Generated folder silences the same diagnostics for the compile-time analyzers;
// these assembly-level suppressions carry the reasoning to the trimmer and the AOT compiler of consuming apps, which
// would otherwise report them on publish. Each is scoped to one generated client type.
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "Options always carry the source-generated PyannoteAIJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "Options always carry the source-generated PyannoteAIJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.PyannoteAI.PyannoteAIGeneratedClient", Justification = "No enum reaches ConvertToString: the pyannoteAI API has no enum parameters.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "Options always carry the source-generated TogetherJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "Options always carry the source-generated TogetherJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.Together.TogetherGeneratedClient", Justification = "The generated multipart methods with enum parameters are never called; TogetherClient builds the form itself.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "Options always carry the source-generated JigsawStackJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "Options always carry the source-generated JigsawStackJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.JigsawStack.JigsawStackGeneratedClient", Justification = "No enum reaches ConvertToString: the JigsawStack operations the SDK calls take no enum parameters.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "Options always carry the source-generated NanoGptJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "Options always carry the source-generated NanoGptJsonContext; see SourceGenerationTests.")]
[assembly: UnconditionalSuppressMessage("Trimming", "IL2075", Scope = "type", Target = "T:Pyannote.Sdk.Generated.NanoGpt.NanoGptGeneratedClient", Justification = "The generated multipart method with enum parameters is never called; NanoGptClient builds the form itself.")]
