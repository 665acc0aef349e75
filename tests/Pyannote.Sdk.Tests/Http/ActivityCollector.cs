using System.Collections.Concurrent;
using System.Diagnostics;
using Pyannote.Sdk.Diagnostics;

namespace Pyannote.Sdk.Tests.HttpPipeline;

/// <summary>Collects every span of the SDK's source while alive.</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SpeechDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <summary>Every string a span exposes: name, status, tags, events and their tags.</summary>
    public IEnumerable<string> AllText() => Stopped.SelectMany(a =>
        new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? string.Empty }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name))));

    public void Dispose() => _listener.Dispose();
}
