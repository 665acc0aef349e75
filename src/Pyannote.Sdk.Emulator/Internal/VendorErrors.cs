using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Pyannote.Sdk.Emulator.Internal;

internal enum Vendor { None, Pyannote, Together, JigsawStack, NanoGpt, Storage }

/// <summary>Writes an error in each vendor's own body shape (vendor-apis.md §1.8, §2.4, §3.5, §4.5).</summary>
internal static class VendorErrors
{
    public static Task WriteAsync(HttpContext context, Vendor vendor, int status, string message, string? param = null, string? code = null)
    {
        context.Items["emulator.error"] = message;
        return Http.WriteJsonAsync(context, status, Body(context, vendor, status, message, param, code));
    }

    public static JsonNode Body(HttpContext context, Vendor vendor, int status, string message, string? param, string? code)
    {
        switch (vendor)
        {
            case Vendor.Pyannote:
                if (status == 400)
                {
                    return new JsonObject
                    {
                        ["message"] = "Invalid request",
                        ["errors"] = new JsonArray(new JsonObject { ["field"] = param ?? "body", ["message"] = message }),
                    };
                }
                return new JsonObject { ["requestId"] = RequestId(context), ["message"] = message };

            case Vendor.Together:
                return new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["message"] = message,
                        ["type"] = status switch { 429 => "rate_limit_exceeded", >= 500 => "server_error", _ => "invalid_request_error" },
                        ["param"] = param,
                        ["code"] = code ?? status switch { 401 => "invalid_api_key", 413 => "payload_too_large", 429 => "rate_limit_exceeded", _ => null },
                    },
                };

            case Vendor.JigsawStack:
                return new JsonObject
                {
                    ["success"] = false,
                    ["message"] = message,
                    ["error"] = code ?? status switch
                    {
                        400 => "validation_error",
                        401 => "missing_api_key",
                        403 => "invalid_api_key",
                        404 => "not_found",
                        413 => "payload_too_large",
                        429 => "rate_limit_exceeded",
                        _ => "application_error",
                    },
                };

            case Vendor.NanoGpt:
                if (status == 402)
                {
                    // The documented insufficient-balance body (docs.nano-gpt.com error-handling).
                    return new JsonObject { ["error"] = "Insufficient balance", ["requiredBalance"] = 0.0035, ["status"] = 402 };
                }
                if (status == 429)
                {
                    return new JsonObject
                    {
                        ["error"] = new JsonObject { ["message"] = message, ["code"] = code ?? "rate_limit_exceeded", ["type"] = "rate_limit_error" },
                    };
                }
                return new JsonObject { ["error"] = status, ["message"] = message };

            default:
                return new JsonObject { ["error"] = message };
        }
    }

    public static string RequestId(HttpContext context) =>
        context.Items.TryGetValue("emulator.requestId", out var id) && id is string s ? s : Guid.NewGuid().ToString();
}
