using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pyannote.Sdk.PyannoteAI;
using RichardSzalay.MockHttp;

namespace Pyannote.Sdk.Tests.PyannoteAI;

/// <summary>One request as it left the SDK's pipeline (after authentication), for wire assertions.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, string? Body, long? ContentLength, string? ContentType);

/// <summary>Sits between the SDK's pipeline and MockHttp and records every request. Upload bodies (PUT) are not read here.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    public List<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null && request.Method != HttpMethod.Put)
        {
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization, body,
                request.Content?.Headers.ContentLength, request.Content?.Headers.ContentType?.MediaType));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A pyannoteAI client over MockHttp with a recorder and a fake clock.</summary>
public sealed class PyannoteTestKit
{
    public const string ApiKey = "pk-test-secret-key";

    public PyannoteTestKit(Uri? endpoint = null)
    {
        Mock = new MockHttpMessageHandler();
        Recorder = new RecordingHandler(Mock);
        Time = new FakeTimeProvider { AutoAdvance = true };
        Options = new PyannoteClientOptions { Transport = Recorder, TimeProvider = Time, Endpoint = endpoint };
        Client = new PyannoteClient(ApiKey, Options);
    }

    public MockHttpMessageHandler Mock { get; }

    public RecordingHandler Recorder { get; }

    public FakeTimeProvider Time { get; }

    public PyannoteClientOptions Options { get; }

    public PyannoteClient Client { get; }

    public IReadOnlyList<RecordedRequest> Requests => Recorder.Requests;

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static string TestData(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "pyannote", name));

    /// <summary>Answers GET /v1/jobs/{id} with the given bodies in order (the last one repeats).</summary>
    public void ScriptJob(string jobId, params Func<HttpResponseMessage>[] answers)
    {
        var i = 0;
        Mock.When(HttpMethod.Get, $"https://api.pyannote.ai/v1/jobs/{jobId}").Respond(() =>
        {
            var answer = answers[Math.Min(i, answers.Length - 1)];
            i++;
            return Task.FromResult(answer());
        });
    }

    public void JobCreated(string path, string jobId = "job-1", string status = "created") =>
        Mock.When(HttpMethod.Post, "https://api.pyannote.ai" + path).Respond(_ => Json($"{{\"jobId\":\"{jobId}\",\"status\":\"{status}\"}}"));

    /// <summary>Asserts that the client sent nothing at all.</summary>
    public void AssertNothingSent() => Assert.Empty(Requests);
}
