using System.Reflection;
using Microsoft.Extensions.Logging;
using Pyannote.Sdk.JigsawStack;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.NanoGpt;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.PyannoteAI;
using Pyannote.Sdk.Together;

namespace Pyannote.Sdk.Tests.Core;

/// <summary>One exception hierarchy: every failure the SDK raises is a <see cref="SpeechException"/> naming the vendor.</summary>
public class ErrorHierarchyTests
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

    [Fact]
    public void Job_not_found_is_a_job_exception_in_the_Jobs_namespace_and_keeps_the_vendor_answer()
    {
        var answer = new SpeechApiException(SpeechVendor.Pyannote, 404, "Job not found", "req-9");
        var ex = new SpeechJobNotFoundException(SpeechVendor.Pyannote, "job-7", answer);

        Assert.IsAssignableFrom<SpeechJobException>(ex);
        Assert.Equal("Pyannote.Sdk.Jobs", typeof(SpeechJobNotFoundException).Namespace);
        Assert.Equal("job-7", ex.JobId);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("req-9", ex.RequestId);
        Assert.Equal("Job not found", ex.VendorMessage);
        Assert.Same(answer, ex.InnerException);
        Assert.Equal("pyannote.job", ex.Operation);
    }

    [Fact]
    public void Response_format_errors_never_put_SDK_words_in_VendorMessage()
    {
        var ex = new SpeechResponseFormatException(SpeechVendor.Together, 200, "the answer has no 'text'.");

        Assert.Null(ex.VendorMessage);
        Assert.Equal("the answer has no 'text'.", ex.Detail);
        Assert.Contains("could not be read: the answer has no 'text'.", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<SpeechVendor, string> Vendors() => new()
    {
        { SpeechVendor.Pyannote, "PYANNOTE_API_KEY" },
        { SpeechVendor.Together, "TOGETHER_API_KEY" },
        { SpeechVendor.JigsawStack, "JIGSAWSTACK_API_KEY" },
        { SpeechVendor.NanoGpt, "NANOGPT_API_KEY" },
    };

    private static object Create(SpeechVendor vendor, string? key) => vendor switch
    {
        SpeechVendor.Pyannote => new PyannoteClient(key!),
        SpeechVendor.Together => new TogetherClient(key!),
        SpeechVendor.JigsawStack => new JigsawStackClient(key!),
        _ => new NanoGptClient(key!),
    };

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

    [Fact]
    public async Task Canceling_TranscribeAsync_mid_wait_leaves_the_job_id_on_the_exception_and_the_job_can_be_resumed()
    {
        var kit = new PyannoteTestKit();
        var logs = new ListLoggerProvider();
        kit.Options.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var client = new PyannoteClient(PyannoteTestKit.ApiKey, kit.Options);
        kit.JobCreated("/v1/diarize", "job-42");
        using var cts = new CancellationTokenSource();
        var polls = 0;
        var output = $"{{\"diarization\":[{{\"speaker\":\"SPEAKER_00\",\"start\":0.0,\"end\":2.0}}],\"wordLevelTranscription\":[{{\"start\":0.1,\"end\":0.5,\"text\":\"hello\",\"speaker\":\"SPEAKER_00\"}}]}}";
        kit.ScriptJob(
            "job-42",
            () =>
            {
                polls++;
                cts.Cancel(); // the caller gives up while the job is still running
                return PyannoteTestKit.Json("{\"jobId\":\"job-42\",\"status\":\"running\"}");
            },
            () => PyannoteTestKit.Json($"{{\"jobId\":\"job-42\",\"status\":\"succeeded\",\"output\":{output}}}"));

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.TranscribeAsync(AudioInput.FromUrl("https://example.com/a.wav"), cancellationToken: cts.Token));

        Assert.True(SpeechJobData.TryGetJobId(canceled, out var jobId));
        Assert.Equal("job-42", jobId);
        Assert.Equal("pyannote", canceled.Data[SpeechJobData.VendorKey]);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("job-42", StringComparison.Ordinal) && e.Message.Contains("resumed", StringComparison.Ordinal));

        var resumed = await client.GetDiarizationJob(jobId).WaitForCompletionAsync();

        Assert.Equal("hello", Assert.Single(resumed.Transcript!.Words).Text);
        Assert.Equal(1, kit.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.True(polls >= 1);
    }

    [Fact]
    public async Task Polls_log_at_Debug_and_status_changes_at_Information()
    {
        var kit = new PyannoteTestKit();
        var logs = new ListLoggerProvider();
        kit.Options.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var client = new PyannoteClient(PyannoteTestKit.ApiKey, kit.Options);
        kit.ScriptJob(
            "job-5",
            () => PyannoteTestKit.Json("{\"jobId\":\"job-5\",\"status\":\"running\"}"),
            () => PyannoteTestKit.Json("{\"jobId\":\"job-5\",\"status\":\"running\"}"),
            () => PyannoteTestKit.Json("{\"jobId\":\"job-5\",\"status\":\"succeeded\",\"output\":{\"diarization\":[]}}"));

        await client.GetDiarizationJob("job-5").WaitForCompletionAsync();

        var jobEvents = logs.Entries.Where(e => e.Category == "Pyannote.Sdk.Jobs").ToList();
        Assert.Equal(["pending -> running", "running -> succeeded"], jobEvents.Where(e => e.Level == LogLevel.Information).Select(e => e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..e.Message.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Single(jobEvents, e => e.Level == LogLevel.Debug);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                {
                    owner.Entries.Add((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
