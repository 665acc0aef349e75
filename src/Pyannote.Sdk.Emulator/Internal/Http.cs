using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pyannote.Sdk.Emulator.Internal;

internal static class Http
{
    public static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }

    /// <summary>Largest JSON request body read (a pyannoteAI identify request with 50 voiceprints of 20,000 characters
    /// is about 1 MB); larger bodies get 413.</summary>
    internal const long MaxJsonBodyBytes = 4L * 1024 * 1024;

    /// <summary>Reads the request body as a JSON object; null when it is not one.</summary>
    /// <exception cref="RequestBodyTooLargeException">The body is larger than <see cref="MaxJsonBodyBytes"/>.</exception>
    public static async Task<JsonObject?> ReadJsonObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxJsonBodyBytes)
        {
            throw new RequestBodyTooLargeException(MaxJsonBodyBytes);
        }

        try
        {
            return await JsonNode.ParseAsync(new LimitedReadStream(context.Request.Body, MaxJsonBodyBytes), cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } ct && ct.Contains("json", StringComparison.OrdinalIgnoreCase);

    public static string? GetString(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True when the property is absent or JSON null.</summary>
    public static bool IsMissing(JsonObject body, string name) => !body.TryGetPropertyValue(name, out var node) || node is null;

    public static bool TryGetBool(JsonObject body, string name, out bool? value)
    {
        value = null;
        if (IsMissing(body, name))
        {
            return true;
        }

        if (body[name] is JsonValue v && v.TryGetValue<bool>(out var b)) { value = b; return true; }
        return false;
    }

    public static bool TryGetNumber(JsonObject body, string name, out double? value)
    {
        value = null;
        if (IsMissing(body, name))
        {
            return true;
        }

        if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number) { value = v.GetValue<double>(); return true; }
        return false;
    }

    public static bool ParseFormBool(string? value, out bool? result)
    {
        result = null;
        if (value is null)
        {
            return true;
        }

        if (bool.TryParse(value.Trim(), out var b)) { result = b; return true; }
        return false;
    }

    public static double R(double seconds) => Math.Round(seconds, 3);

    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}

/// <summary>A request body (or part of one) is larger than the emulator reads; the pipeline answers 413.</summary>
internal sealed class RequestBodyTooLargeException(long limit) : Exception($"The request body exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>A read-only view of a stream that throws <see cref="RequestBodyTooLargeException"/> once more than
/// <paramref name="limit"/> bytes have been read through it.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new RequestBodyTooLargeException(limit);
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
