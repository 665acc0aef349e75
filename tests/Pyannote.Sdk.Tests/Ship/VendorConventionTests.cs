using System.CodeDom.Compiler;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>
/// The conventions that keep each vendor's knowledge in one home (docs/architecture.md, "Vendor folder template" and
/// "Adding a vendor"), checked for every vendor the SDK knows. The vendors come from <see cref="VendorDescriptor.All"/>
/// and the enum, so a new vendor is checked without editing this file.
/// </summary>
public class VendorConventionTests
{
    public static TheoryData<SpeechVendor> Vendors()
    {
        var data = new TheoryData<SpeechVendor>();
        foreach (var v in Enum.GetValues<SpeechVendor>())
        {
            data.Add(v);
        }

        return data;
    }

    [Fact]
    public void Every_vendor_has_exactly_one_descriptor_with_distinct_keys()
    {
        Assert.Equal(Enum.GetValues<SpeechVendor>(), VendorDescriptor.All.Select(d => d.Vendor));
        Assert.Equal(VendorDescriptor.All.Count, VendorDescriptor.All.Select(d => d.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(VendorDescriptor.All.Count, VendorDescriptor.All.Select(d => d.ConfigurationSection).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void An_unknown_vendor_fails_loudly_instead_of_falling_back()
    {
        var unknown = (SpeechVendor)999;
        Assert.Throws<ArgumentOutOfRangeException>(() => unknown.Key());
        Assert.Throws<ArgumentOutOfRangeException>(() => unknown.DisplayName());
        Assert.Null(VendorDescriptor.Find("no-such-vendor"));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Descriptor_is_complete_and_consistent(SpeechVendor vendor)
    {
        var d = VendorDescriptor.For(vendor);
        Assert.Equal(d.Key.ToLowerInvariant(), d.Key);
        Assert.Equal(d.Key, vendor.Key());
        Assert.False(string.IsNullOrWhiteSpace(d.DisplayName));
        Assert.Equal(d.Key.ToUpperInvariant() + "_API_KEY", d.ApiKeyVariable);
        Assert.True(d.DefaultEndpoint.IsAbsoluteUri && d.DefaultEndpoint.Scheme == Uri.UriSchemeHttps, d.DefaultEndpoint.ToString());
        Assert.EndsWith("/", d.DefaultEndpoint.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(d.MaxUploadBytes > 0);
        Assert.True(typeof(ISpeechClient).IsAssignableFrom(d.ClientType));
        Assert.Same(d, VendorDescriptor.Find(d.Key));
        Assert.Same(d, VendorDescriptor.Find(vendor.ToString()));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Vendor_folder_follows_the_template(SpeechVendor vendor)
    {
        var home = Home.Of(vendor);
        string[] expected =
        [
            home.Prefix + "Vendor.cs",
            "VendorDescriptor." + home.Folder + ".cs",
            "SpeechClientsBuilder." + home.Folder + ".cs",
            home.Prefix + "Client.cs",
            home.Prefix + "ClientOptions.cs",
            home.Prefix + "Mapper.cs",
            home.Folder + "JsonContext.cs",
            home.Folder + "GeneratedClient.Partial.cs",
        ];
        var missing = expected.Where(f => !File.Exists(Path.Combine(home.Directory, f))).ToArray();
        Assert.True(missing.Length == 0, $"{home.Directory} lacks {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Every_public_type_of_a_vendor_lives_in_its_folder_in_a_file_named_after_it(SpeechVendor vendor)
    {
        var home = Home.Of(vendor);
        var misplaced = typeof(ISpeechClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == home.Namespace && !t.IsNested)
            .Select(t => t.Name.Split('`')[0] + ".cs")
            .Where(file => !File.Exists(Path.Combine(home.Directory, file)))
            .ToArray();
        Assert.True(misplaced.Length == 0, $"no file in {home.Directory} for {string.Join(", ", misplaced)}");
    }

    [Fact]
    public void Every_public_webhook_type_has_a_file_named_after_it()
    {
        var sources = Directory.GetFiles(RepoPaths.Combine("src", "Pyannote.Sdk"), "*.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);
        var missing = typeof(ISpeechClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Pyannote.Sdk.Webhooks" && !t.IsNested)
            .Select(t => t.Name.Split('`')[0] + ".cs")
            .Where(file => !sources.Contains(file))
            .ToArray();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_vendor_json_context_covers_every_generated_dto(SpeechVendor vendor)
    {
        var home = Home.Of(vendor);
        var types = typeof(ISpeechClient).Assembly.GetTypes().Where(t => t.Namespace == home.GeneratedNamespace).ToArray();
        var contextType = Assert.Single(types, t => typeof(JsonSerializerContext).IsAssignableFrom(t));
        var context = (JsonSerializerContext)contextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var dtos = types.Where(t => t.IsClass && !t.IsNested && t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema").ToArray();
        Assert.NotEmpty(dtos);
        var uncovered = dtos.Where(t => context.GetTypeInfo(t) is null).Select(t => t.Name).ToArray();
        Assert.True(uncovered.Length == 0, $"{contextType.Name} does not cover {string.Join(", ", uncovered)}");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_vendor_has_an_emulator_module_an_openapi_document_and_a_generated_client(SpeechVendor vendor)
    {
        var home = Home.Of(vendor);
        Assert.True(File.Exists(RepoPaths.Combine("src", "Pyannote.Sdk.Emulator", "Vendors", home.Prefix + "Api.cs")), $"no emulator module for {vendor}");
        Assert.True(File.Exists(RepoPaths.Combine("src", "Pyannote.Sdk", "Generated", home.Folder + ".g.cs")), $"no generated client for {vendor}");
        Assert.Contains(Directory.GetFiles(RepoPaths.Combine("openapi"), "*.nswag"),
            f => File.ReadAllText(f).Contains("\"namespace\": \"" + home.GeneratedNamespace + "\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_emulator_module_declares_the_vendor_with_the_sdk_key_endpoint_and_limits(SpeechVendor vendor)
    {
        var d = VendorDescriptor.For(vendor);
        var home = Home.Of(vendor);
        var module = RepoPaths.Combine("src", "Pyannote.Sdk.Emulator", "Vendors");
        string[] files = [home.Prefix + "Api.cs", home.Prefix + "Vendor.cs", home.Prefix + "Emulator.cs", home.Prefix + "EmulatorOptions.cs"];
        var missing = files.Where(f => !File.Exists(Path.Combine(module, f))).ToArray();
        Assert.True(missing.Length == 0, $"{module} lacks {string.Join(", ", missing)}");

        // The emulator serves the vendor under its SDK key, so a client pointed at the emulator endpoint reaches it.
        var emulated = Assert.Single(global::Pyannote.Sdk.Emulator.Internal.Vendor.All, v => v.Key == d.Key);
        Assert.Same(emulated, global::Pyannote.Sdk.Emulator.Internal.Vendor.Of("/" + d.Key + "/v1/anything"));
        Assert.True(emulated.MaxUploadBytes(new global::Pyannote.Sdk.Emulator.SpeechEmulatorOptions()) > 0, $"{vendor} has no emulator upload limit");
        var endpoint = typeof(global::Pyannote.Sdk.Emulator.SpeechEmulator).GetProperty(vendor + "Endpoint");
        Assert.True(endpoint?.PropertyType == typeof(Uri), $"SpeechEmulator has no {vendor}Endpoint");
    }

    [Fact]
    public void The_emulator_serves_exactly_the_sdk_vendors()
    {
        Assert.Equal(
            VendorDescriptor.All.Select(d => d.Key).Order(StringComparer.Ordinal),
            global::Pyannote.Sdk.Emulator.Internal.Vendor.All.Select(v => v.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_docs_list_the_vendor_in_each_place(SpeechVendor vendor)
    {
        var d = VendorDescriptor.For(vendor);
        var home = Home.Of(vendor);
        var architecture = File.ReadAllText(RepoPaths.Combine("docs", "architecture.md"));
        Assert.Contains(home.Folder + "/`", architecture, StringComparison.Ordinal);
        Assert.Contains("`" + d.Key + ".json`", architecture, StringComparison.Ordinal);
        Assert.Contains(d.DisplayName, File.ReadAllText(RepoPaths.Combine("README.md")), StringComparison.Ordinal);
        Assert.Contains(d.DisplayName, File.ReadAllText(RepoPaths.Combine("docs", "emulator.md")), StringComparison.Ordinal);
        var pipeline = File.ReadAllText(RepoPaths.Combine("docs", "http-pipeline.md"));
        Assert.Contains(d.ApiKeyVariable, pipeline, StringComparison.Ordinal);
        Assert.Contains("`" + d.ConfigurationSection + "`", pipeline, StringComparison.Ordinal);
    }

    /// <summary>Where a vendor's code lives, derived from its client type (namespace = folder).</summary>
    private sealed record Home(string Folder, string Prefix, string Namespace, string Directory, string GeneratedNamespace)
    {
        public static Home Of(SpeechVendor vendor)
        {
            var client = VendorDescriptor.For(vendor).ClientType;
            var ns = client.Namespace!;
            var folder = ns[(ns.LastIndexOf('.') + 1)..];
            var prefix = client.Name[..^"Client".Length];
            return new Home(folder, prefix, ns, RepoPaths.Combine("src", "Pyannote.Sdk", folder), "Pyannote.Sdk.Generated." + folder);
        }
    }
}
