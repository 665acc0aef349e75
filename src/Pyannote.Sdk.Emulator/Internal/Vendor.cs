using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>
/// One emulated vendor: its path prefix and what the shared pipeline asks of it (error body, authentication, rate
/// limits, routes, upload limit, the URLs it resolves to stored content). Each vendor module declares its own in
/// <c>Vendors/&lt;Prefix&gt;Vendor.cs</c>, a partial of this class whose static property is set through <see cref="Add"/>, so
/// the shared code never names a vendor. <see cref="None"/> (no prefix) and <see cref="Storage"/> (pre-signed URLs)
/// are not vendors and are not in <see cref="All"/>. A module's delegates may name its own static property (with
/// <c>!</c>: it is set when the type initialises, long before any request).
/// </summary>
internal sealed partial class Vendor
{
    private static List<Vendor>? s_registered;
    private static Vendor[]? s_all;

    private Vendor(string key) => Key = key;

    /// <summary>A path under no vendor prefix.</summary>
    public static Vendor None { get; } = new("");

    /// <summary>The pre-signed storage URLs (<c>/storage/...</c>).</summary>
    public static Vendor Storage { get; } = new("storage");

    /// <summary>Every emulated vendor, in <see cref="Order"/>.</summary>
    public static IReadOnlyList<Vendor> All => s_all ??= [.. (s_registered ?? []).OrderBy(v => v.Order)];

    /// <summary>The path prefix and the name in the request log (<c>together</c>).</summary>
    public string Key { get; }

    /// <summary>The product name, for the tool's help.</summary>
    public string DisplayName { get; private init; } = "";

    /// <summary>Position in <see cref="All"/> (the order the tool lists endpoints in).</summary>
    public int Order { get; private init; }

    /// <summary>The vendor's error body for a status, message, offending parameter and error code.</summary>
    public Func<HttpContext, int, string, string?, string?, JsonNode> ErrorBody { get; private init; } =
        static (_, _, message, _, _) => new JsonObject { ["error"] = message };

    /// <summary>Checks the request's credentials; writes the vendor's 401/403 and returns false when they fail.</summary>
    public Func<HttpContext, EmulatorState, Task<bool>> AuthorizeAsync { get; private init; } = static (_, _) => Task.FromResult(true);

    /// <summary>Writes the rate-limit headers every answer carries, taking nothing from any window.</summary>
    public Action<HttpContext, EmulatorState> WriteRateLimitHeaders { get; private init; } = static (_, _) => { };

    /// <summary>Takes one request from the vendor's rate limit; writes its 429 and returns false when over it.</summary>
    public Func<HttpContext, EmulatorState, Task<bool>> TakeRateLimitAsync { get; private init; } = static (_, _) => Task.FromResult(true);

    /// <summary>Adds what the vendor sends with an injected error status (for example a rate-limit reset on 429).</summary>
    public Action<HttpContext, EmulatorState, FaultSet, int> OnInjectedStatus { get; private init; } = static (_, _, _, _) => { };

    /// <summary>Maps the vendor's routes.</summary>
    public Action<IEndpointRouteBuilder, EmulatorState> Map { get; private init; } = static (_, _) => { };

    /// <summary>The largest upload the vendor accepts (sizes the server-wide body limit).</summary>
    public Func<SpeechEmulatorOptions, long> MaxUploadBytes { get; private init; } = static _ => 0;

    /// <summary>Resolves an audio URL that points at the vendor's own storage: <c>(true, content)</c> when the URL is the
    /// vendor's (content <see langword="null"/> for a key never stored), <c>(false, null)</c> otherwise.</summary>
    public Func<EmulatorState, string, (bool Handled, EmulatedContent? Content)> ResolveUrl { get; private init; } = static (_, _) => (false, null);

    /// <summary>The vendor whose prefix starts <paramref name="path"/>, <see cref="Storage"/> or <see cref="None"/>.</summary>
    public static Vendor Of(string path)
    {
        var segment = path.TrimStart('/');
        var slash = segment.IndexOf('/');
        if (slash >= 0)
        {
            segment = segment[..slash];
        }

        foreach (var vendor in All)
        {
            if (string.Equals(segment, vendor.Key, StringComparison.OrdinalIgnoreCase))
            {
                return vendor;
            }
        }

        return string.Equals(segment, Storage.Key, StringComparison.OrdinalIgnoreCase) ? Storage : None;
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    /// <summary>Adds <paramref name="vendor"/> to <see cref="All"/>; called only from static initialisers of this class.</summary>
    private static Vendor Add(Vendor vendor)
    {
        (s_registered ??= []).Add(vendor);
        return vendor;
    }
}
