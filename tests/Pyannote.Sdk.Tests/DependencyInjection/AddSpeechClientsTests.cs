using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.Http;
using Pyannote.Sdk.Tests.HttpPipeline;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.DependencyInjection;

/// <summary>A stand-in vendor client built the way DI builds the real ones: (pipeline HttpClient, options).</summary>
public class StandInClient(HttpClient http, TestClientOptions options, SpeechVendor vendor) : ISpeechClient
{
    public HttpClient Http { get; } = http;

    public TestClientOptions Options { get; } = options;

    public SpeechVendor Vendor { get; } = vendor;

    public Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

public sealed class StandInA(HttpClient http, TestClientOptions options) : StandInClient(http, options, AddSpeechClientsTests.A.Vendor);

public sealed class StandInB(HttpClient http, TestClientOptions options) : StandInClient(http, options, AddSpeechClientsTests.B.Vendor);

public sealed class StandInOptionsB : SpeechClientOptions
{
    private protected override Uri VendorEndpoint => new("https://b.vendor.test/");
}

public sealed class StandInBClient(HttpClient http, StandInOptionsB options) : ISpeechClient
{
    public HttpClient Http { get; } = http;

    public StandInOptionsB Options { get; } = options;

    public SpeechVendor Vendor => AddSpeechClientsTests.B.Vendor;

    public Task<Transcript> TranscribeAsync(AudioInput audio, TranscriptionOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

public class AddSpeechClientsTests
{
    /// <summary>The vendor slots the stand-ins take (the first two vendors) and a vendor left unregistered (the last).</summary>
    internal static TestVendor A => TestVendor.All[0];

    internal static TestVendor B => TestVendor.All[1];

    private static TestVendor Unregistered => TestVendor.All[^1];

    private static string KeyOf(TestVendor v) => v.Section.ToLowerInvariant();

    internal static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    internal static SpeechClientsBuilder AddStandInA(SpeechClientsBuilder builder, Action<TestClientOptions>? configure = null, string? apiKey = null) =>
        builder.AddVendor<StandInA, TestClientOptions>(A.Vendor, (h, o) => new StandInA(h, o), configure, apiKey);

    internal static SpeechClientsBuilder AddStandInB(SpeechClientsBuilder builder, Action<StandInOptionsB>? configure = null) =>
        builder.AddVendor<StandInBClient, StandInOptionsB>(B.Vendor, (h, o) => new StandInBClient(h, o), configure, null);

    private static ServiceProvider Build(IConfiguration config, Action<SpeechClientsBuilder> add, Func<string, string?>? environment = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        // Stand-in vendors only: a builder bound to the section that does not add the real clients of configured sections.
        var builder = SpeechServiceCollectionExtensions.Create(services, config.GetSection("Speech"));
        builder.EnvironmentReader = environment ?? (_ => null);
        add(builder);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static void ValidateOnStart(IServiceProvider sp) => sp.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task Client_resolves_by_type_keyed_and_as_the_default_and_sends_through_the_pipeline()
    {
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(200);
        var config = Config(($"Speech:{A.Section}:ApiKey", "cfg-key-1"), ($"Speech:{A.Section}:Endpoint", $"http://127.0.0.1:5080/{KeyOf(A)}/"));
        using var sp = Build(config, b => AddStandInA(b, o =>
        {
            o.Transport = transport;
            o.Retry.BaseDelay = TimeSpan.Zero;
        }));
        ValidateOnStart(sp);

        var typed = sp.GetRequiredService<StandInA>();
        var keyed = sp.GetRequiredKeyedService<ISpeechClient>(KeyOf(A));
        var plain = sp.GetRequiredService<ISpeechClient>();
        Assert.IsType<StandInA>(keyed);
        Assert.IsType<StandInA>(plain);
        Assert.Equal(new Uri($"http://127.0.0.1:5080/{KeyOf(A)}/"), typed.Options.EffectiveEndpoint);
        Assert.Equal(Timeout.InfiniteTimeSpan, typed.Http.Timeout);

        using var response = await typed.Http.GetAsync(new Uri(typed.Options.EffectiveEndpoint, "v1/jobs/1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Attempts); // retried by the SDK pipeline
        Assert.All(transport.Seen, s => Assert.Equal("Bearer cfg-key-1", s.Authorization));
        Assert.Equal($"http://127.0.0.1:5080/{KeyOf(A)}/v1/jobs/1", transport.Seen[0].Uri!.ToString());
    }

    [Fact]
    public async Task Errors_are_mapped_by_the_pipeline_in_the_factory_client()
    {
        var transport = new ScriptedTransport().ThenStatus(401, body: "{\"message\":\"bad key\"}");
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "k")), b => AddStandInA(b, o => o.Transport = transport));

        var client = sp.GetRequiredService<StandInA>();
        var ex = await Assert.ThrowsAsync<SpeechApiException>(() => client.Http.GetAsync(new Uri(TestClientOptions.PublicEndpoint, "v1/me")));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("bad key", ex.VendorMessage);
    }

    [Fact]
    public void Settings_are_bound_from_configuration()
    {
        var config = Config(
            ($"Speech:{A.Section}:ApiKey", "k"),
            ($"Speech:{A.Section}:WebhookSecret", "whsec_abc"),
            ($"Speech:{A.Section}:NetworkTimeout", "00:00:30"),
            ($"Speech:{A.Section}:UploadTimeout", "900"),
            ($"Speech:{A.Section}:Retry:MaxRetries", "5"),
            ($"Speech:{A.Section}:Retry:BaseDelay", "00:00:02"),
            ($"Speech:{A.Section}:Retry:MaxRetryAfter", "Infinite"),
            ($"Speech:{A.Section}:JobWait:MaxWait", "02:00:00"),
            ($"Speech:{A.Section}:JobWait:BackoffFactor", "1.5"));
        using var sp = Build(config, b => AddStandInA(b));
        ValidateOnStart(sp);

        var o = sp.GetRequiredService<IOptionsMonitor<TestClientOptions>>().CurrentValue;
        Assert.Equal(TimeSpan.FromSeconds(30), o.NetworkTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), o.UploadTimeout);
        Assert.Equal(5, o.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), o.Retry.BaseDelay);
        Assert.Equal(Timeout.InfiniteTimeSpan, o.Retry.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromHours(2), o.JobWait.MaxWait);
        Assert.Equal(1.5, o.JobWait.BackoffFactor);
        Assert.NotNull(o.LoggerFactory); // taken from the container
        var credentials = sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(KeyOf(A));
        Assert.Equal("whsec_abc", credentials.WebhookSecret);
        Assert.DoesNotContain("whsec_abc", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("k)", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_configuration_runs_after_the_configuration_section()
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "k"), ($"Speech:{A.Section}:NetworkTimeout", "10")), b => AddStandInA(b, o => o.NetworkTimeout = TimeSpan.FromSeconds(42)));
        Assert.Equal(TimeSpan.FromSeconds(42), sp.GetRequiredService<StandInA>().Options.NetworkTimeout);
    }

    [Fact]
    public void Missing_api_key_fails_start_naming_the_configuration_path_and_environment_variable()
    {
        using var sp = Build(Config(($"Speech:{A.Section}:Endpoint", $"https://api.{KeyOf(A)}.ai/")), b => AddStandInA(b));

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));

        Assert.Contains($"Speech:{A.Section}:ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains(A.ApiKeyVariable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(A.DisplayName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_api_key_message_uses_the_section_path_given()
    {
        var services = new ServiceCollection();
        var builder = SpeechServiceCollectionExtensions.Create(services, Config(($"Audio:Vendors:{A.Section}:Endpoint", "https://x.test/")).GetSection("Audio:Vendors"));
        builder.EnvironmentReader = _ => null;
        AddStandInA(builder);
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));
        Assert.Contains($"Audio:Vendors:{A.Section}:ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_key_falls_back_to_the_environment_variable()
    {
        var transport = new ScriptedTransport().ThenStatus(200);
        using var sp = Build(Config(($"Speech:{A.Section}:Endpoint", "https://api.vendor.test/")), b => AddStandInA(b, o => o.Transport = transport), name => name == A.ApiKeyVariable ? "env-key-7" : null);
        ValidateOnStart(sp);

        using var response = await sp.GetRequiredService<StandInA>().Http.GetAsync(new Uri(TestClientOptions.PublicEndpoint, "v1/me"));
        Assert.Equal("Bearer env-key-7", transport.Seen.Single().Authorization);
    }

    [Fact]
    public void Configured_key_wins_over_the_environment_variable_and_code_wins_over_both()
    {
        using (var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "cfg")), b => AddStandInA(b), _ => "env"))
        {
            Assert.Equal("cfg", sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(KeyOf(A)).ApiKey);
        }

        using (var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "cfg")), b => AddStandInA(b, apiKey: "code"), _ => "env"))
        {
            Assert.Equal("code", sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(KeyOf(A)).ApiKey);
        }
    }

    [Fact]
    public void ConfigureCredentials_wins_over_configuration_even_when_called_first()
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "cfg"), ($"Speech:{A.Section}:WebhookSecret", "cfg-secret")), b =>
            AddStandInA(b.ConfigureCredentials(A.Vendor, c => c.WebhookSecret = "code-secret")));

        var credentials = sp.GetRequiredService<IOptionsMonitor<SpeechVendorCredentials>>().Get(KeyOf(A));
        Assert.Equal("cfg", credentials.ApiKey);
        Assert.Equal("code-secret", credentials.WebhookSecret);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://files.example/")]
    [InlineData("/relative/path")]
    public void Malformed_endpoint_fails_start_naming_the_configuration_path(string endpoint)
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "k"), ($"Speech:{A.Section}:Endpoint", endpoint)), b => AddStandInA(b));

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));

        Assert.Contains($"Speech:{A.Section}:Endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains("absolute http or https URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_set_in_code_is_validated_too()
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "k")), b => AddStandInA(b, o => o.Endpoint = new Uri("ftp://x.test/")));
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));
        Assert.Contains($"Speech:{A.Section}:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NetworkTimeout", "soon")]
    [InlineData("NetworkTimeout", "0")]
    [InlineData("UploadTimeout", "-5")]
    [InlineData("Retry:MaxRetries", "three")]
    [InlineData("Retry:MaxRetries", "-1")]
    [InlineData("JobWait:BackoffFactor", "0.5")]
    public void Malformed_settings_fail_start_naming_the_configuration_path(string key, string value)
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "k"), ($"Speech:{A.Section}:" + key, value)), b => AddStandInA(b));

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));

        Assert.Contains($"Speech:{A.Section}:" + key.Split(':')[0], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_vendors_resolve_by_key_and_the_configured_default_as_plain_client()
    {
        var config = Config(("Speech:DefaultVendor", KeyOf(B)), ($"Speech:{A.Section}:ApiKey", "a"), ($"Speech:{B.Section}:ApiKey", "b"));
        using var sp = Build(config, b => AddStandInB(AddStandInA(b)));
        ValidateOnStart(sp);

        Assert.IsType<StandInA>(sp.GetRequiredKeyedService<ISpeechClient>(KeyOf(A)));
        Assert.IsType<StandInBClient>(sp.GetRequiredKeyedService<ISpeechClient>(KeyOf(B)));
        Assert.IsType<StandInBClient>(sp.GetRequiredService<ISpeechClient>());
        Assert.Equal(new Uri("https://b.vendor.test/"), sp.GetRequiredService<StandInBClient>().Options.EffectiveEndpoint);
    }

    [Fact]
    public void Several_vendors_without_a_default_give_a_clear_message_for_the_plain_client()
    {
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "a"), ($"Speech:{B.Section}:ApiKey", "b")), b => AddStandInB(AddStandInA(b)));
        ValidateOnStart(sp);

        var ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ISpeechClient>());
        Assert.Contains($"{KeyOf(A)}, {KeyOf(B)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Speech:DefaultVendor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_vendor_must_be_registered_and_known()
    {
        using (var sp = Build(Config(("Speech:DefaultVendor", KeyOf(Unregistered)), ($"Speech:{A.Section}:ApiKey", "a")), b => AddStandInA(b)))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));
            Assert.Contains($"'{KeyOf(Unregistered)}' is not registered", ex.Message, StringComparison.Ordinal);
        }

        using (var sp = Build(Config(("Speech:DefaultVendor", "acme"), ($"Speech:{A.Section}:ApiKey", "a")), b => AddStandInA(b)))
        {
            var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(sp));
            Assert.Contains("Speech:DefaultVendor", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SetDefaultVendor_overrides_configuration()
    {
        var config = Config(("Speech:DefaultVendor", KeyOf(B)), ($"Speech:{A.Section}:ApiKey", "a"), ($"Speech:{B.Section}:ApiKey", "b"));
        using var sp = Build(config, b => AddStandInB(AddStandInA(b)).SetDefaultVendor(A.Vendor));
        Assert.IsType<StandInA>(sp.GetRequiredService<ISpeechClient>());
    }

    [Fact]
    public void Time_provider_from_the_container_is_used()
    {
        var time = new FakeTimeProvider();
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "a")), b => AddStandInA(b), more: s => s.AddSingleton<TimeProvider>(time));
        Assert.Same(time, sp.GetRequiredService<StandInA>().Options.TimeProvider);
    }

    [Fact]
    public async Task Handlers_added_with_ConfigureHttpClient_run_inside_the_pipeline_per_attempt()
    {
        var transport = new ScriptedTransport().ThenStatus(503).ThenStatus(200);
        var seen = new List<string?>();
        using var sp = Build(Config(($"Speech:{A.Section}:ApiKey", "a")), b => AddStandInA(b, o =>
        {
            o.Transport = transport;
            o.Retry.BaseDelay = TimeSpan.Zero;
        }).ConfigureHttpClient(A.Vendor, h => h.AddHttpMessageHandler(() => new Probe(seen))));

        using var response = await sp.GetRequiredService<StandInA>().Http.GetAsync(new Uri(TestClientOptions.PublicEndpoint, "v1/x"));

        Assert.Equal(["Bearer a", "Bearer a"], seen);
    }

    [Fact]
    public async Task Factory_clients_log_only_through_the_sdk_with_redacted_urls()
    {
        var logs = new CapturingLoggerProvider();
        var transport = new ScriptedTransport().ThenStatus(200);
        using var sp = Build(
            Config(($"Speech:{A.Section}:ApiKey", "sk-DI-SECRET-1"), ($"Speech:{A.Section}:WebhookSecret", "whsec-DI-SECRET-2")),
            b => AddStandInA(b, o => o.Transport = transport),
            more: s => s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        ValidateOnStart(sp);

        using var response = await sp.GetRequiredService<StandInA>().Http.PutAsync("https://bucket.storage.test/a.wav?X-Amz-Signature=SIG-DI-SECRET-3", new StringContent("x"));

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Category == PipelineLog.Category && l.Text.Contains("https://bucket.storage.test/a.wav?[redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        foreach (var (_, _, text) in lines)
        {
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        }
    }

    private sealed class Probe(List<string?> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.Authorization?.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
