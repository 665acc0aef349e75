using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.HttpPipeline;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.DependencyInjection;

/// <summary>
/// Every vendor client on main, registered from in-memory configuration through AddSpeechClients: resolution by type
/// and key, validation messages, and a redaction sweep over a successful and a failing call. Add a row per vendor.
/// </summary>
public class VendorRegistrationTests
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

    private const string Presigned = "https://bucket.storage.test/input/a.wav?X-Amz-Credential=CRED-S3CR3T&X-Amz-Signature=SIG-S3CR3T";

    private static readonly Dictionary<string, Vendor> Vendors = new[]
    {
        new Vendor(
            SpeechVendor.Pyannote,
            "Pyannote",
            "PYANNOTE_API_KEY",
            typeof(PyannoteClient),
            (b, t) => b.AddPyannote(o => o.Transport = t),
            t => t
                .ThenStatus(201, body: "{\"url\":\"" + Presigned + "\"}").ThenStatus(200)
                .ThenStatus(201, body: "{\"url\":\"" + Presigned + "\"}").ThenStatus(403, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>"),
            (sp, _) => sp.GetRequiredService<PyannoteClient>().UploadAsync(AudioInput.FromStream(new MemoryStream(TestAudio.WavWith("AUDIO"u8)), "a.wav"))),
        new Vendor(
            SpeechVendor.NanoGpt,
            "NanoGpt",
            "NANOGPT_API_KEY",
            typeof(NanoGptClient),
            (b, t) => b.AddNanoGpt(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: File.ReadAllText(RepoPaths.TestData("nanogpt", "transcribe-sync-response.json")))
                .ThenStatus(429, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2)), File.ReadAllText(RepoPaths.TestData("nanogpt", "error-429-daily-limit.json"))),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("nanogpt").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
        new Vendor(
            SpeechVendor.Together,
            "Together",
            "TOGETHER_API_KEY",
            typeof(TogetherClient),
            (b, t) => b.AddTogether(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":1.5,\"text\":\"Hello\",\"segments\":[]}")
                .ThenStatus(400, body: "{\"error\":{\"message\":\"invalid file\",\"type\":\"invalid_request_error\"}}"),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("together").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
        new Vendor(
            SpeechVendor.JigsawStack,
            "JigsawStack",
            "JIGSAWSTACK_API_KEY",
            typeof(JigsawStackClient),
            (b, t) => b.AddJigsawStack(o => o.Transport = t),
            t => t
                .ThenStatus(200, body: File.ReadAllText(RepoPaths.TestData("jigsawstack", "stt-response-url.json")))
                .ThenStatus(500, body: "{\"success\":false,\"message\":\"internal\"}"),
            (sp, url) => sp.GetRequiredKeyedService<ISpeechClient>("jigsawstack").TranscribeAsync(AudioInput.FromUrl(url), new TranscriptionOptions { Diarize = false })),
    }.ToDictionary(v => v.Id.Key());

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

    [Fact]
    public void Configured_webhook_secrets_reach_the_webhook_options()
    {
        var services = new ServiceCollection();
        services.AddSpeechClients(AllVendors().GetSection("Speech")).AddPyannote().EnvironmentReader = _ => null;
        using var sp = services.BuildServiceProvider();

        Assert.Equal(["whsec-pyannote-S3CR3T"], sp.GetRequiredService<IOptionsMonitor<Pyannote.Sdk.Webhooks.PyannoteWebhookOptions>>().CurrentValue.Secrets);
        Assert.Equal(["whsec-jigsawstack-S3CR3T"], sp.GetRequiredService<IOptionsMonitor<Pyannote.Sdk.Webhooks.JigsawStackWebhookOptions>>().CurrentValue.Secrets);
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
