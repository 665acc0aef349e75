using System.Runtime.CompilerServices;

namespace Pyannote.Sdk.Http;

/// <summary>
/// The API key behind a pipeline <see cref="HttpClient"/>, for the one request that cannot go through the pipeline: a
/// WebSocket upgrade (Together AI real time), which needs the key as a header of its own handshake. Held weakly with the
/// client, never exposed, logged or put in a message.
/// </summary>
internal static class PipelineCredentials
{
    private static readonly ConditionalWeakTable<HttpClient, Key> s_keys = new();

    public static void Attach(HttpClient client, string apiKey) => s_keys.AddOrUpdate(client, new Key(apiKey));

    public static string? Find(HttpClient client) => s_keys.TryGetValue(client, out var key) ? key.Value : null;

    private sealed class Key(string value)
    {
        public string Value { get; } = value;

        public override string ToString() => "[redacted]";
    }
}
