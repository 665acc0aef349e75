using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace Pyannote.Sdk;

/// <summary>
/// Everything the shared code knows about one vendor, in one place: <see cref="SpeechVendor"/> helpers, the API-key
/// handler, error mapping, configuration and DI, telemetry and upload limits all read it. Each vendor declares its
/// descriptor in its own folder (<c>&lt;Vendor&gt;/&lt;Vendor&gt;Vendor.cs</c>) and registers it (<c>&lt;Vendor&gt;/VendorDescriptor.&lt;Vendor&gt;.cs</c>); <see cref="All"/> collects them. A vendor without a
/// descriptor fails loudly (<see cref="For"/>) instead of falling back to a default.
/// </summary>
internal sealed partial class VendorDescriptor
{
    // Each vendor folder adds its descriptor through a partial of this class (<Vendor>/VendorDescriptor.<Vendor>.cs),
    // a static field initialised with Add(...): the type initializer runs them all before any static member is
    // read, so the list is complete without this file naming any vendor. Parts run in no fixed order, hence the sort.
    private static List<VendorDescriptor>? s_registered;
    private static VendorDescriptor[]? s_descriptors;

    private static VendorDescriptor[] Descriptors => s_descriptors ??= [.. (s_registered ?? []).OrderBy(d => d.Vendor)];

    /// <summary>The enum value.</summary>
    public required SpeechVendor Vendor { get; init; }

    /// <summary>The vendor's client; its namespace names the vendor's folder (<c>Pyannote.Sdk.Together</c> → <c>Together/</c>).</summary>
    public required Type ClientType { get; init; }

    /// <summary>Lower-case key: keyed services, HTTP client names, telemetry tags, operation prefixes (<c>together</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The product name users know, for messages (<c>Together AI</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The configuration section under the root (<c>Speech:Together</c> → <c>Together</c>).</summary>
    public required string ConfigurationSection { get; init; }

    /// <summary>The environment variable the API key falls back to (<c>TOGETHER_API_KEY</c>).</summary>
    public required string ApiKeyVariable { get; init; }

    /// <summary>How the API key is sent.</summary>
    public required VendorAuth Auth { get; init; }

    /// <summary>The vendor's public endpoint (host root; paths carry the version prefix).</summary>
    public required Uri DefaultEndpoint { get; init; }

    /// <summary>Reads the vendor's error body into message, code, request id and field errors.</summary>
    public required Func<string, (string? Message, string? Code, string? RequestId, IReadOnlyList<SpeechFieldError>? FieldErrors)> ParseErrorBody { get; init; }

    /// <summary>What the vendor supports through <see cref="ISpeechClient"/> (<see cref="ISpeechClient.Capabilities"/>).</summary>
    public required SpeechCapabilities Capabilities { get; init; }

    /// <summary>Turns the generic exception for an error answer into a vendor-specific one when the body says more
    /// (for example NanoGPT's 402 with <c>requiredBalance</c>); <see langword="null"/> to keep the generic one.</summary>
    public Func<SpeechApiException, string, SpeechApiException>? RefineException { get; init; }

    /// <summary>The largest direct upload the vendor accepts, in bytes.</summary>
    public required long MaxUploadBytes { get; init; }

    /// <summary>Adds the vendor's client to a builder (what <c>AddSpeechClients(configuration)</c> does for each section).</summary>
    public required Action<SpeechClientsBuilder> Register { get; init; }

    /// <summary>The headers a refused WebSocket handshake may carry the vendor's request id in, read in this order.</summary>
    public IReadOnlyList<string> RequestIdHeaders { get; init; } = ["x-request-id", "request-id"];

    /// <summary>Every vendor, in <see cref="SpeechVendor"/> order.</summary>
    public static IReadOnlyList<VendorDescriptor> All => Descriptors;

    /// <summary>Adds <paramref name="descriptor"/> to <see cref="All"/>; called only from static field initialisers of this class.</summary>
    private static VendorDescriptor Add(VendorDescriptor descriptor)
    {
        (s_registered ??= []).Add(descriptor);
        return descriptor;
    }

    /// <summary>The descriptor of <paramref name="vendor"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No vendor has that value.</exception>
    public static VendorDescriptor For(SpeechVendor vendor)
    {
        foreach (var d in Descriptors)
        {
            if (d.Vendor == vendor)
            {
                return d;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(vendor), vendor, $"'{vendor}' is not a speech vendor this SDK knows; known: {string.Join(", ", Descriptors.Select(d => d.Key))}.");
    }

    /// <summary>The vendor whose key or enum name is <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public static VendorDescriptor? Find(string name)
    {
        foreach (var d in Descriptors)
        {
            if (string.Equals(name, d.Key, StringComparison.OrdinalIgnoreCase) || string.Equals(name, d.Vendor.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }

        return null;
    }
}

/// <summary>How a vendor takes its API key: a header, with or without an authentication scheme before the key.</summary>
internal sealed class VendorAuth
{
    private VendorAuth(string header, string? scheme)
    {
        Header = header;
        Scheme = scheme;
    }

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public static VendorAuth Bearer { get; } = new("Authorization", "Bearer");

    /// <summary>The header that carries the key.</summary>
    public string Header { get; }

    /// <summary>The scheme before the key (<c>Bearer</c>), or <see langword="null"/> when the header holds the bare key.</summary>
    public string? Scheme { get; }

    /// <summary>The bare key in a header of its own (<c>x-api-key: &lt;key&gt;</c>).</summary>
    public static VendorAuth ApiKeyHeader(string header) => new(header, null);

    /// <summary>Puts <paramref name="apiKey"/> on <paramref name="request"/>, replacing any value already there.</summary>
    public void Apply(HttpRequestMessage request, string apiKey)
    {
        if (Scheme is not null && string.Equals(Header, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(Scheme, apiKey);
            return;
        }

        request.Headers.Remove(Header);
        request.Headers.TryAddWithoutValidation(Header, Scheme is null ? apiKey : Scheme + " " + apiKey);
    }

    /// <inheritdoc />
    public override string ToString() => Scheme is null ? $"{Header}: <key>" : $"{Header}: {Scheme} <key>";
}
