using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.DependencyInjection;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI

/// <summary>Keyed lookups the way .NET users reach for them: by <see cref="SpeechVendor"/> or by section name in any
/// casing; a misspelt section fails start; the M.E.AI speech-to-text clients come from the same builder.</summary>
public class KeyedLookupTests
{
    public static TheoryData<SpeechVendor, string, Type> Vendors() => new()
    {
        { SpeechVendor.Pyannote, "Pyannote", typeof(PyannoteClient) },
        { SpeechVendor.Together, "Together", typeof(TogetherClient) },
        { SpeechVendor.JigsawStack, "JigsawStack", typeof(JigsawStackClient) },
        { SpeechVendor.NanoGpt, "NanoGpt", typeof(NanoGptClient) },
    };

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

    private static ServiceProvider BuildAll(bool speechToText = false) => Build(
        new Dictionary<string, string?>
        {
            ["Speech:Pyannote:ApiKey"] = "k1",
            ["Speech:Together:ApiKey"] = "k2",
            ["Speech:JigsawStack:ApiKey"] = "k3",
            ["Speech:NanoGpt:ApiKey"] = "k4",
            ["Speech:NanoGpt:Endpoint"] = "http://127.0.0.1:5080/nanogpt/",
            ["Speech:DefaultVendor"] = "together",
        },
        speechToText);

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
        using var sp = Build(new Dictionary<string, string?> { ["Speech:Pyannote:ApiKey"] = "k1" });

        Assert.Null(sp.GetKeyedService<ISpeechClient>("deepgram"));
        Assert.Null(sp.GetKeyedService<ISpeechClient>(SpeechVendor.Together));
        Assert.Null(sp.GetKeyedService<ISpeechClient>("TOGETHER"));
        Assert.IsType<PyannoteClient>(sp.GetKeyedService<ISpeechClient>("PyAnNoTe"));
    }

    [Fact]
    public void A_misspelt_section_fails_start_naming_it_and_the_known_sections()
    {
        using var sp = Build(new Dictionary<string, string?>
        {
            ["Speech:Pyannote:ApiKey"] = "k1",
            ["Speech:Pyanote:ApiKey"] = "typo",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Speech:Pyanote", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Pyannote, Together, JigsawStack, NanoGpt", ex.Message, StringComparison.Ordinal);
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
        if (vendor == SpeechVendor.NanoGpt)
        {
            Assert.Equal(new Uri("http://127.0.0.1:5080/nanogpt/"), metadata.ProviderUri);
        }

        var unkeyed = sp.GetRequiredService<ISpeechToTextClient>();
        Assert.IsType<TogetherClient>(unkeyed.GetService(typeof(ISpeechClient)));
        Assert.Null(sp.GetKeyedService<ISpeechToTextClient>("deepgram"));
    }
}
