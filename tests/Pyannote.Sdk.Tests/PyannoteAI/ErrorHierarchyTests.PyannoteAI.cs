using Microsoft.Extensions.Logging;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.PyannoteAI;
using Pyannote.Sdk.Tests.PyannoteAI;

namespace Pyannote.Sdk.Tests.Core;

public partial class ErrorHierarchyTests
{
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
