using System.Reflection;
using Pyannote.Sdk.Jobs;

namespace Pyannote.Sdk.Tests.Core;

/// <summary>One exception hierarchy: every failure the SDK raises is a <see cref="SpeechException"/> naming the vendor.</summary>
public partial class ErrorHierarchyTests
{
    public static IEnumerable<Assembly> ShippedAssemblies() =>
    [
        typeof(SpeechException).Assembly,
        typeof(Microsoft.AspNetCore.Builder.WebhookEndpointRouteBuilderExtensions).Assembly,
        typeof(Pyannote.Sdk.Extensions.AI.SpeechClientExtensions).Assembly,
        typeof(Pyannote.Sdk.Emulator.SpeechEmulator).Assembly,
    ];

    [Fact]
    public void Every_public_exception_type_of_every_shipped_assembly_derives_from_SpeechException()
    {
        var exceptions = ShippedAssemblies()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToList();

        Assert.Contains(typeof(SpeechJobNotFoundException), exceptions);
        Assert.Contains(typeof(Pyannote.Sdk.Webhooks.WebhookVerificationException), exceptions);
        var strays = exceptions.Where(t => !typeof(SpeechException).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.True(strays.Count == 0, "Public exceptions outside the hierarchy: " + string.Join(", ", strays));
    }

    public static TheoryData<SpeechVendor, string> Vendors()
    {
        var data = new TheoryData<SpeechVendor, string>();
        foreach (var v in TestVendor.All)
        {
            data.Add(v.Vendor, v.ApiKeyVariable);
        }

        return data;
    }

    private static object Create(SpeechVendor vendor, string? key) => TestVendor.For(vendor).CreateClient(key!);

    [Theory]
    [MemberData(nameof(Vendors))]
    public void A_null_or_empty_key_names_the_vendor_and_its_environment_variable(SpeechVendor vendor, string variable)
    {
        var missing = Assert.Throws<ArgumentNullException>(() => Create(vendor, null));
        Assert.Equal("apiKey", missing.ParamName);
        Assert.Contains(vendor.DisplayName(), missing.Message, StringComparison.Ordinal);
        Assert.Contains(variable, missing.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() => Create(vendor, " "));
        Assert.Equal("apiKey", empty.ParamName);
        Assert.Contains(variable, empty.Message, StringComparison.Ordinal);
    }
}
