using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>Writes an error in each vendor's own body shape (<see cref="Vendor.ErrorBody"/>; vendor-apis.md §1.8, §2.4, §3.5, §4.5).</summary>
internal static class VendorErrors
{
    public static Task WriteAsync(HttpContext context, Vendor vendor, int status, string message, string? param = null, string? code = null)
    {
        context.Items["emulator.error"] = message;
        return Http.WriteJsonAsync(context, status, Body(context, vendor, status, message, param, code));
    }

    public static JsonNode Body(HttpContext context, Vendor vendor, int status, string message, string? param, string? code) =>
        vendor.ErrorBody(context, status, message, param, code);

    /// <summary>An S3-style XML error, as the pre-signed storage answers.</summary>
    internal static Task StorageErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Items["emulator.error"] = message;
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message><RequestId>{RequestId(context)}</RequestId></Error>";
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static string RequestId(HttpContext context) =>
        context.Items.TryGetValue("emulator.requestId", out var id) && id is string s ? s : Guid.NewGuid().ToString();
}
