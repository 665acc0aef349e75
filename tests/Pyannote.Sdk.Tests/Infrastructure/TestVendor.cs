using System.Reflection;

namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>
/// What vendor-neutral matrix tests need to know about one vendor. Each vendor's test folder holds one subclass, found by
/// reflection, so shared test code names no vendor: adding a vendor adds its descriptor and its rows, nothing else.
/// </summary>
public abstract class TestVendor
{
    /// <summary>Every vendor's descriptor, in <see cref="SpeechVendor"/> order.</summary>
    public static IReadOnlyList<TestVendor> All { get; } = typeof(TestVendor).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(TestVendor)) && !t.IsAbstract)
        .Select(t => (TestVendor)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Vendor)
        .ToArray();

    /// <summary>The vendor described.</summary>
    public abstract SpeechVendor Vendor { get; }

    /// <summary>The environment variable the vendor's client reads its API key from.</summary>
    public abstract string ApiKeyVariable { get; }

    /// <summary>A client of this vendor with default options.</summary>
    public abstract object CreateClient(string apiKey);

    /// <summary>A client of this vendor that sends through <paramref name="transport"/>.</summary>
    public abstract object CreateClient(string apiKey, HttpMessageHandler transport);

    /// <summary>The descriptor of <paramref name="vendor"/>.</summary>
    public static TestVendor For(SpeechVendor vendor) => All.Single(v => v.Vendor == vendor);
}

/// <summary>One client of every vendor over one transport. Each vendor's folder adds a typed extension property
/// (<c>clients.&lt;Vendor&gt;</c>) over <see cref="Get{T}"/>.</summary>
public sealed class VendorClients(string apiKey, HttpMessageHandler transport)
{
    private readonly object[] _clients = TestVendor.All.Select(v => v.CreateClient(apiKey, transport)).ToArray();

    /// <summary>The client of type <typeparamref name="T"/>.</summary>
    public T Get<T>() => _clients.OfType<T>().Single();
}

/// <summary>Marks a static method of a matrix test (a partial class) that returns one vendor's rows; the method lives in
/// the vendor's folder and <see cref="VendorRows.Of{T}"/> gathers them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VendorRowsAttribute : Attribute;

/// <summary>Gathers the per-vendor rows of a matrix test.</summary>
public static class VendorRows
{
    /// <summary>The rows returned by every <see cref="VendorRowsAttribute"/> method of <paramref name="test"/>, in method-name order.</summary>
    public static IEnumerable<T> Of<T>(Type test) =>
        test.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.IsDefined(typeof(VendorRowsAttribute)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .SelectMany(m => (IEnumerable<T>)m.Invoke(null, null)!);
}
