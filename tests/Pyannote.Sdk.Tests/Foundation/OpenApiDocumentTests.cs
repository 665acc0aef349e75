using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pyannote.Sdk.Tests.Foundation;

/// <summary>The four vendor OpenAPI documents load, are internally consistent, and drive generated code that stays internal.</summary>
public partial class OpenApiDocumentTests
{
    /// <summary>Every vendor document under <c>openapi/</c> (its file name without <c>.json</c>), so adding a vendor's
    /// document adds its rows here with no edit.</summary>
    public static readonly string[] Vendors = Directory.GetFiles(RepoPaths.Combine("openapi"), "*.json")
        .Select(f => Path.GetFileNameWithoutExtension(f))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vendors)
        {
            data.Add(v);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_is_OpenApi_3_with_operations_responses_and_resolvable_refs(string vendor)
    {
        var path = RepoPaths.Combine("openapi", vendor + ".json");
        Assert.True(File.Exists(path), $"missing {path}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("info").GetProperty("title").GetString()));
        Assert.True(root.GetProperty("servers").GetArrayLength() > 0);

        var operationIds = new HashSet<string>();
        var paths = root.GetProperty("paths");
        Assert.Equal(JsonValueKind.Object, paths.ValueKind);
        if (!paths.EnumerateObject().Any())
        {
            // A vendor whose requests are all built by hand (Together) keeps its document for the DTOs those requests
            // send and read: no operations, but schemas.
            Assert.True(root.GetProperty("components").GetProperty("schemas").EnumerateObject().Any(), $"{vendor}.json has neither paths nor schemas");
        }

        foreach (var p in paths.EnumerateObject())
        {
            Assert.StartsWith("/", p.Name);
            foreach (var op in p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var id = op.Value.GetProperty("operationId").GetString();
                Assert.False(string.IsNullOrWhiteSpace(id), $"{op.Name} {p.Name} has no operationId");
                Assert.True(operationIds.Add(id!), $"duplicate operationId {id}");
                Assert.True(op.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')), $"{op.Name} {p.Name} declares no success response");
            }
        }

        foreach (var reference in Refs(root))
        {
            Assert.StartsWith("#/", reference);
            var node = root;
            foreach (var segment in reference[2..].Split('/'))
            {
                Assert.True(node.TryGetProperty(segment.Replace("~1", "/").Replace("~0", "~"), out node), $"unresolved $ref {reference} in {vendor}.json");
            }
        }
    }

    /// <summary>Operations no generated call uses but that stay as the documented wire contract the hand-built request
    /// follows (<c>document:operationId</c>), gathered from each vendor folder's <see cref="VendorRowsAttribute"/> rows.</summary>
    private static readonly HashSet<string> KeptForTheirWireContract = VendorRows.Of<string>(typeof(OpenApiDocumentTests)).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_operation_in_the_document_is_called_by_the_hand_written_layer(string vendor)
    {
        // Operations nothing calls are removed from the documents (issue 15): generated code that is never used still
        // has to be trimmed, reviewed and kept AOT-safe.
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("openapi", vendor + ".json")));
        var handWritten = string.Join('\n', Directory.GetFiles(RepoPaths.Combine("src", "Pyannote.Sdk"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Generated" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var uncalled = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            .Select(o => o.Value.GetProperty("operationId").GetString()!)
            .Where(id => !handWritten.Contains("." + id + "Async(", StringComparison.Ordinal) && !KeptForTheirWireContract.Contains(vendor + ":" + id))
            .ToArray();
        Assert.True(uncalled.Length == 0, $"{vendor}.json declares operations no hand-written code calls: {string.Join(", ", uncalled)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Nswag_config_reads_the_document_and_writes_internal_types_into_Generated(string vendor)
    {
        var nswagPath = RepoPaths.Combine("openapi", vendor + ".nswag");
        Assert.True(File.Exists(nswagPath), $"missing {nswagPath}");
        using var nswag = JsonDocument.Parse(File.ReadAllText(nswagPath));
        var input = nswag.RootElement.GetProperty("documentGenerator").GetProperty("fromDocument").GetProperty("url").GetString();
        Assert.Equal(vendor + ".json", input);
        var gen = nswag.RootElement.GetProperty("codeGenerators").GetProperty("openApiToCSharpClient");
        Assert.Equal("internal", gen.GetProperty("typeAccessModifier").GetString());
        Assert.Equal("internal", gen.GetProperty("clientClassAccessModifier").GetString());
        Assert.False(gen.GetProperty("generateExceptionClasses").GetBoolean());
        Assert.Equal("SystemTextJson", gen.GetProperty("jsonLibrary").GetString());

        var output = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(nswagPath)!, gen.GetProperty("output").GetString()!));
        Assert.StartsWith(RepoPaths.Combine("src", "Pyannote.Sdk", "Generated"), output);
        var code = File.ReadAllText(output);
        Assert.DoesNotMatch(new Regex(@"^\s*public\s+(partial\s+|sealed\s+|abstract\s+)*(class|enum|interface|record|struct)\b", RegexOptions.Multiline), code);
    }

    [Fact]
    public void No_generated_type_is_visible_outside_the_assembly()
    {
        var exported = typeof(ISpeechClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace?.StartsWith("Pyannote.Sdk.Generated", StringComparison.Ordinal) == true)
            .Select(t => t.FullName)
            .ToArray();
        Assert.Empty(exported);
        Assert.Contains(typeof(ISpeechClient).Assembly.GetTypes(), t => t.Namespace?.StartsWith("Pyannote.Sdk.Generated.", StringComparison.Ordinal) == true && t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>() is not null);
    }

    private static IEnumerable<string> Refs(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return p.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var r in Refs(p.Value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var r in Refs(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }
}
