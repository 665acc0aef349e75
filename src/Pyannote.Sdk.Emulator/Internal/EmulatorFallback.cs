using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>What answers a path no route matched: the vendor's own 404 under a vendor prefix, an S3-style one elsewhere.</summary>
internal static class EmulatorFallback
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapFallback((RequestDelegate)(ctx =>
        {
            var vendor = Vendor.Of(ctx.Request.Path.Value ?? "/");
            return vendor == Vendor.None || vendor == Vendor.Storage
                ? VendorErrors.StorageErrorAsync(ctx, 404, "NoSuchKey", "No such path on the emulator.")
                : VendorErrors.WriteAsync(ctx, vendor, 404, $"No route for {ctx.Request.Method} {ctx.Request.Path} (emulated).");
        }));
    }
}
