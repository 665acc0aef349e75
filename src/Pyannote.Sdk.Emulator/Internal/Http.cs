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
        foreach (var item in items) array.Add(item);
        return array;
    }

    /// <summary>Reads the request body as a JSON object; null when it is not one.</summary>
    public static async Task<JsonObject?> ReadJsonObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
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
        if (IsMissing(body, name)) return true;
        if (body[name] is JsonValue v && v.TryGetValue<bool>(out var b)) { value = b; return true; }
        return false;
    }

    public static bool TryGetNumber(JsonObject body, string name, out double? value)
    {
        value = null;
        if (IsMissing(body, name)) return true;
        if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number) { value = v.GetValue<double>(); return true; }
        return false;
    }

    public static bool ParseFormBool(string? value, out bool? result)
    {
        result = null;
        if (value is null) return true;
        if (bool.TryParse(value.Trim(), out var b)) { result = b; return true; }
        return false;
    }

    public static double R(double seconds) => Math.Round(seconds, 3);

    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
