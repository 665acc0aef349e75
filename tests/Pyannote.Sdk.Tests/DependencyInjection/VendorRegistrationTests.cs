using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.Tests.HttpPipeline;

namespace Pyannote.Sdk.Tests.DependencyInjection;

/// <summary>
/// Every vendor client on main, registered from in-memory configuration through AddSpeechClients: resolution by type
/// and key, validation messages, and a redaction sweep over a successful and a failing call. Add a row per vendor.
/// </summary>
public partial class VendorRegistrationTests
{
    private const string Emulator = "http://127.0.0.1:5080/";

    /// <summary>One registered vendor: its keys, its client type, a call that succeeds and one that fails.</summary>
    public sealed record Vendor(
        SpeechVendor Id,
        string Section,
        string Variable,
        Type ClientType,
        Action<SpeechClientsBuilder, HttpMessageHandler> AddWithTransport,
        Func<ScriptedTransport, ScriptedTransport> Script,
        Func<IServiceProvider, string, Task> Call)
    {
        public override string ToString() => Id.Key();
    }

    private static readonly Dictionary<string, Vendor> Vendors = VendorRows.Of<Vendor>(typeof(VendorRegistrationTests)).ToDictionary(v => v.Id.Key());

    public static TheoryData<string> VendorKeys()
    {
        var data = new TheoryData<string>();
        foreach (var key in Vendors.Keys)
        {
            data.Add(key);
        }

        return data;
    }

    private static IConfiguration AllVendors(params (string Key, string? Value)[] extra)
    {
        var values = new List<(string, string?)>();
        foreach (var v in Vendors.Values)
        {
            values.Add(($"Speech:{v.Section}:ApiKey", $"key-{v.Id.Key()}-S3CR3T"));
            values.Add(($"Speech:{v.Section}:Endpoint", Emulator + v.Id.Key() + "/"));
            values.Add(($"Speech:{v.Section}:WebhookSecret", $"whsec-{v.Id.Key()}-S3CR3T"));
        }

        values.AddRange(extra);
        return AddSpeechClientsTests.Config(values.ToArray());
    }

    [Fact]
    public void Every_vendor_with_a_section_resolves_by_type_and_key_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddSpeechClients(AllVendors(("Speech:DefaultVendor", Vendors.Keys.First())).GetSection("Speech")).EnvironmentReader = _ => null;
        using var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        sp.GetRequiredService<IStartupValidator>().Validate();

        foreach (var v in Vendors.Values)
        {
            var typed = sp.GetRequiredService(v.ClientType);
            var keyed = sp.GetRequiredKeyedService<ISpeechClient>(v.Id.Key());
            Assert.IsType(v.ClientType, keyed);
            Assert.Equal(v.Id, keyed.Vendor);
            Assert.NotSame(typed, keyed); // transient, each from IHttpClientFactory
        }

        Assert.Equal(Vendors.Values.First().Id, sp.GetRequiredService<ISpeechClient>().Vendor);
    }

    [Theory]
    [MemberData(nameof(VendorKeys))]
    public void Missing_key_names_the_vendor_configuration_path_and_environment_variable(string key)
    {
        var v = Vendors[key];
        var services = new ServiceCollection();
        var builder = services.AddSpeechClients(AddSpeechClientsTests.Config(($"Speech:{v.Section}:Endpoint", Emulator)).GetSection("Speech"));
        builder.EnvironmentReader = _ => null;
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Speech:{v.Section}:ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains(v.Variable, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VendorKeys))]
    public void Bad_endpoint_names_the_vendor_configuration_path(string key)
    {
        var v = Vendors[key];
        var services = new ServiceCollection();
        services.AddSpeechClients(AddSpeechClientsTests.Config(($"Speech:{v.Section}:ApiKey", "k"), ($"Speech:{v.Section}:Endpoint", "localhost:5080")).GetSection("Speech"));
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Speech:{v.Section}:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VendorKeys))]
    public async Task No_secret_reaches_logs_exceptions_or_spans_of_a_real_vendor_client(string key)
    {
        var v = Vendors[key];
        using var collector = new ActivityCollector();
        var logs = new CapturingLoggerProvider();
        var transport = v.Script(new ScriptedTransport());
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var builder = services.AddSpeechClients(AllVendors().GetSection("Speech"));
        v.AddWithTransport(builder, transport);
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();

        var observed = new List<string>();
        const string Url = "https://files.storage.test/audio.mp3?X-Amz-Signature=URLS3CR3T&token=URLS3CR3T";
        for (var i = 0; i < 2; i++)
        {
            try
            {
                await v.Call(sp, Url);
            }
            catch (Exception ex)
            {
                observed.Add(ex.ToString());
            }
        }

        Assert.Single(observed); // the first call succeeded, the second failed
        Assert.All(transport.Seen.Where(s => s.Uri!.Host == "127.0.0.1"), s => Assert.Contains($"key-{key}-S3CR3T", (s.Authorization ?? string.Empty) + s.XApiKey, StringComparison.Ordinal));
        Assert.All(transport.Seen.Where(s => s.Uri!.Host != "127.0.0.1"), s => Assert.Null((s.Authorization ?? string.Empty) + s.XApiKey is { Length: > 0 } k ? k : null));
        observed.AddRange(logs.Lines.Select(l => l.Text));
        observed.AddRange(collector.AllText());
        observed.Add(sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(key).ToString());
        Assert.Contains(logs.Lines, l => l.Category == Pyannote.Sdk.Http.PipelineLog.Category);
        foreach (var text in observed)
        {
            Assert.DoesNotContain("S3CR3T", text, StringComparison.Ordinal);
        }
    }
}
