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

    /// <summary>The vendor's product name as messages spell it.</summary>
    public abstract string DisplayName { get; }

    /// <summary>The vendor's configuration section under <c>Speech</c> (also a keyed-service key).</summary>
    public abstract string Section { get; }

    /// <summary>The vendor's client type.</summary>
    public abstract Type ClientType { get; }

    /// <summary>The environment variable the vendor's client reads its API key from.</summary>
    public abstract string ApiKeyVariable { get; }

    /// <summary>A client of this vendor with default options.</summary>
    public abstract object CreateClient(string apiKey);

    /// <summary>A client of this vendor that sends through <paramref name="transport"/>.</summary>
    public abstract object CreateClient(string apiKey, HttpMessageHandler transport);

    /// <summary>The folder (and namespace suffix) of the vendor's generated client, e.g. <c>Pyannote.Sdk.Generated.&lt;folder&gt;</c>.</summary>
    public abstract string GeneratedFolder { get; }

    /// <summary>The serializer settings the vendor's generated client uses.</summary>
    public abstract System.Text.Json.JsonSerializerOptions GeneratedJsonOptions { get; }

    /// <summary>A client of this vendor pointed at <paramref name="emulator"/>, its options passed to <paramref name="configure"/> first.</summary>
    public abstract ISpeechClient CreateClient(Pyannote.Sdk.Emulator.SpeechEmulator emulator, Action<SpeechClientOptions>? configure = null);

    /// <summary>The vendor's job types, mockable like its client.</summary>
    public virtual IEnumerable<Type> JobTypes => [];

    /// <summary>The vendor's extensible enums (model names and the like).</summary>
    public virtual IEnumerable<Type> ExtensibleEnums => [];

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
        Methods(test, BindingFlags.Static).Where(m => typeof(IEnumerable<T>).IsAssignableFrom(m.ReturnType)).SelectMany(m => (IEnumerable<T>)m.Invoke(null, null)!);

    /// <summary>The rows of <see cref="Of{T}"/> as theory data.</summary>
    public static TheoryData<T1, T2> Theory<T1, T2>(Type test)
    {
        var data = new TheoryData<T1, T2>();
        foreach (var (a, b) in Of<(T1, T2)>(test))
        {
            data.Add(a, b);
        }

        return data;
    }

    /// <summary>Runs, one after the other, every static <see cref="VendorRowsAttribute"/> method of <paramref name="test"/>
    /// that returns a <see cref="Task"/>, passing <paramref name="args"/>: each vendor's part of a shared scenario.</summary>
    public static async Task RunAsync(Type test, params object?[] args)
    {
        foreach (var m in Methods(test, BindingFlags.Static).Where(m => m.ReturnType == typeof(Task) && m.GetParameters().Length == args.Length))
        {
            await (Task)m.Invoke(null, args)!;
        }
    }

    /// <summary>Calls every <see cref="VendorRowsAttribute"/> instance method of <paramref name="target"/>, in method-name
    /// order: each vendor's part of a partial class sets up that vendor's members.</summary>
    public static void Invoke(object target)
    {
        foreach (var m in Methods(target.GetType(), BindingFlags.Instance))
        {
            m.Invoke(target, null);
        }
    }

    private static IEnumerable<MethodInfo> Methods(Type type, BindingFlags kind) =>
        type.GetMethods(kind | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.IsDefined(typeof(VendorRowsAttribute)))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
}
