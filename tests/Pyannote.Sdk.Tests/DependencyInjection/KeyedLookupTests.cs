using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pyannote.Sdk.Tests.DependencyInjection;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI

/// <summary>Keyed lookups the way .NET users reach for them: by <see cref="SpeechVendor"/> or by section name in any
/// casing; a misspelt section fails start; the M.E.AI speech-to-text clients come from the same builder.</summary>
public partial class KeyedLookupTests
{
    public static TheoryData<SpeechVendor, string, Type> Vendors()
    {
        var data = new TheoryData<SpeechVendor, string, Type>();
        foreach (var v in TestVendor.All)
        {
            data.Add(v.Vendor, v.Section, v.ClientType);
        }

        return data;
    }

    /// <summary>Every vendor's section (keys, endpoints, the default vendor), from the vendor folders.</summary>
    private static readonly Dictionary<string, string?> AllSettings =
        VendorRows.Of<KeyValuePair<string, string?>>(typeof(KeyedLookupTests)).ToDictionary(StringComparer.Ordinal);

    private static ServiceProvider Build(IDictionary<string, string?> settings, bool speechToText = false)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        var builder = services.AddSpeechClients(config.GetSection("Speech"));
        if (speechToText)
        {
            builder.AddSpeechToTextClients();
        }

        return services.BuildServiceProvider();
    }

    private static ServiceProvider BuildAll(bool speechToText = false) => Build(new Dictionary<string, string?>(AllSettings), speechToText);

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Keyed_client_resolves_by_SpeechVendor_and_by_section_name_in_three_casings(SpeechVendor vendor, string section, Type clientType)
    {
        using var sp = BuildAll();

        Assert.IsType(clientType, sp.GetKeyedService<ISpeechClient>(vendor));
        foreach (var key in new[] { section, section.ToLowerInvariant(), section.ToUpperInvariant() })
        {
            var client = sp.GetKeyedService<ISpeechClient>(key);
            Assert.True(client is not null, $"no client for key '{key}'");
            Assert.IsType(clientType, client);
            Assert.Equal(vendor, client.Vendor);
        }
    }

    [Fact]
    public void Unknown_or_unregistered_keys_resolve_to_nothing()
    {
        var (registered, other) = (TestVendor.All[0], TestVendor.All[1]);
        using var sp = Build(new Dictionary<string, string?> { [$"Speech:{registered.Section}:ApiKey"] = "k1" });

        Assert.Null(sp.GetKeyedService<ISpeechClient>("deepgram"));
        Assert.Null(sp.GetKeyedService<ISpeechClient>(other.Vendor));
        Assert.Null(sp.GetKeyedService<ISpeechClient>(other.Section.ToUpperInvariant()));
        Assert.IsType(registered.ClientType, sp.GetKeyedService<ISpeechClient>(AlternatingCase(registered.Section)));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void SpeechToText_clients_are_registered_default_and_keyed_with_metadata(SpeechVendor vendor, string section, Type clientType)
    {
        using var sp = BuildAll(speechToText: true);

        var keyed = sp.GetKeyedService<ISpeechToTextClient>(vendor);
        Assert.NotNull(keyed);
        Assert.IsType(clientType, keyed.GetService(typeof(ISpeechClient)));
        Assert.NotNull(sp.GetKeyedService<ISpeechToTextClient>(section.ToUpperInvariant()));
        var metadata = Assert.IsType<SpeechToTextClientMetadata>(keyed.GetService(typeof(SpeechToTextClientMetadata)));
        Assert.Equal(vendor.Key(), metadata.ProviderName);
        Assert.NotNull(metadata.ProviderUri);
        Assert.NotNull(metadata.DefaultModelId);
        if (AllSettings.TryGetValue($"Speech:{section}:Endpoint", out var endpoint))
        {
            Assert.Equal(new Uri(endpoint!), metadata.ProviderUri);
        }

        var unkeyed = sp.GetRequiredService<ISpeechToTextClient>();
        Assert.IsType(TestVendor.All.Single(v => v.Vendor.Key() == AllSettings["Speech:DefaultVendor"]).ClientType, unkeyed.GetService(typeof(ISpeechClient)));
        Assert.Null(sp.GetKeyedService<ISpeechToTextClient>("deepgram"));
    }

    /// <summary>"Pyannote" becomes "PyAnNoTe": every other letter upper case.</summary>
    private static string AlternatingCase(string s) => string.Concat(s.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
}
