using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pyannote.Sdk.Emulator.Internal;

namespace Pyannote.Sdk.Emulator.Vendors;

/// <summary>The object store behind pyannoteAI's pre-signed URLs, S3-like: the signature lives in the query string,
/// an Authorization header is refused, Content-Length is required, bodies stream to disk.</summary>
internal static class PyannoteStorageApi
{
    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapPut("/storage/pyannote/{**key}", (RequestDelegate)(ctx => PutAsync(ctx, state)));
        app.MapGet("/storage/pyannote/{**key}", (RequestDelegate)(ctx => GetAsync(ctx, state)));
    }

    private static string Key(HttpContext context) => Uri.UnescapeDataString(context.Request.RouteValues["key"] as string ?? "");

    private static bool CheckSignature(HttpContext context, EmulatorState state, string method, string key, out (int Status, string Code, string Message) error)
    {
        error = default;
        var query = context.Request.Query;
        if (!long.TryParse(query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || !state.Storage.Verify(method, key, expires, query["X-Signature"]))
        {
            error = (403, "SignatureDoesNotMatch", "The request signature does not match this URL and method.");
            return false;
        }
        if (state.Now.ToUnixTimeSeconds() > expires)
        {
            error = (403, "AccessDenied", "Request has expired.");
            return false;
        }
        return true;
    }

    private static async Task PutAsync(HttpContext context, EmulatorState state)
    {
        var key = Key(context);
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            await VendorErrors.StorageErrorAsync(context, 400, "InvalidArgument",
                "Only one authentication mechanism is allowed: the pre-signed query string, not an Authorization header as well.").ConfigureAwait(false);
            return;
        }
        if (!CheckSignature(context, state, "PUT", key, out var error))
        {
            await VendorErrors.StorageErrorAsync(context, error.Status, error.Code, error.Message).ConfigureAwait(false);
            return;
        }
        var length = context.Request.ContentLength;
        if (length is null)
        {
            await VendorErrors.StorageErrorAsync(context, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.").ConfigureAwait(false);
            return;
        }
        if (length > state.Options.PyannoteMaxUploadBytes)
        {
            await VendorErrors.StorageErrorAsync(context, 413, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.").ConfigureAwait(false);
            return;
        }
        var stored = await state.Storage.SaveAsync(context.Request.Body, state.Options.PyannoteMaxUploadBytes, context.Request.ContentType, Path.GetFileName(key), context.RequestAborted).ConfigureAwait(false);
        state.Storage.Add("pyannote", key, stored);
        context.Response.StatusCode = 200;
        context.Response.Headers.ETag = $"\"{stored.Sha256[..32].ToLowerInvariant()}\"";
        context.Response.ContentLength = 0;
    }

    private static async Task GetAsync(HttpContext context, EmulatorState state)
    {
        var key = Key(context);
        if (!CheckSignature(context, state, "GET", key, out var error))
        {
            await VendorErrors.StorageErrorAsync(context, error.Status, error.Code, error.Message).ConfigureAwait(false);
            return;
        }
        if (!state.Storage.TryGet("pyannote", key, out var stored))
        {
            await VendorErrors.StorageErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.").ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = stored.ContentType ?? "application/octet-stream";
        context.Response.ContentLength = stored.Size;
        await context.Response.SendFileAsync(stored.Path, context.RequestAborted).ConfigureAwait(false);
    }
}
