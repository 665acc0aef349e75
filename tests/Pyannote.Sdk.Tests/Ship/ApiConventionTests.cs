using System.Reflection;
using Pyannote.Sdk.Jobs;
using Pyannote.Sdk.Tests.Core;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>
/// The .NET conventions the whole public surface keeps (docs/architecture.md, "Public API conventions"), checked by
/// reflection over every shipped assembly so that a new type or member is held to them without editing this file:
/// cancellation last and optional on every asynchronous method, every client member mockable, every extensible enum
/// with the same members and the same equality rules, every options class with its default endpoint in one place.
/// (The exception rule, "every public exception derives from SpeechException", is in <see cref="ErrorHierarchyTests"/>.)
/// </summary>
public class ApiConventionTests
{
    private static IEnumerable<Type> PublicTypes() => ErrorHierarchyTests.ShippedAssemblies().SelectMany(a => a.GetExportedTypes());

    private static bool IsAsync(MethodInfo m)
    {
        var r = m.ReturnType;
        if (r == typeof(Task) || r == typeof(ValueTask))
        {
            return true;
        }

        if (!r.IsGenericType)
        {
            return false;
        }

        var d = r.GetGenericTypeDefinition();
        return d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>);
    }

    [Fact]
    public void Every_public_async_method_takes_an_optional_CancellationToken_last()
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var methods = PublicTypes()
            .Where(t => !typeof(Delegate).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(Flags).Select(m => (Type: t, Method: m)))
            .Where(x => !x.Method.IsSpecialName && IsAsync(x.Method))
            // DisposeAsync has a fixed signature (IAsyncDisposable).
            .Where(x => x.Method.Name != nameof(IAsyncDisposable.DisposeAsync))
            .ToList();

        Assert.True(methods.Count > 40, $"only {methods.Count} async methods found; is the scan broken?");
        var offenders = methods
            .Where(x =>
            {
                var last = x.Method.GetParameters().LastOrDefault();
                return last is null || last.ParameterType != typeof(CancellationToken) || !last.HasDefaultValue
                    || x.Method.GetParameters().Count(p => p.ParameterType == typeof(CancellationToken)) != 1;
            })
            .Select(x => $"{x.Type.FullName}.{x.Method.Name}({string.Join(", ", x.Method.GetParameters().Select(p => p.ParameterType.Name))})")
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "Async methods without an optional CancellationToken last:\n  " + string.Join("\n  ", offenders));
    }

    /// <summary>The types users mock: the four vendor clients, and the jobs and start results they return.</summary>
    public static TheoryData<Type> MockableTypes() => new(Mockable());

    private static IEnumerable<Type> Mockable() =>
        PublicTypes().Where(t => t.IsClass && !t.IsSealed && (typeof(ISpeechClient).IsAssignableFrom(t) || IsJob(t) || t.Name.EndsWith("TranscriptionStart", StringComparison.Ordinal)));

    private static bool IsJob(Type t)
    {
        for (var b = t; b is not null; b = b.BaseType)
        {
            if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(SpeechJob<>))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void Every_vendor_client_is_among_the_mockable_types()
    {
        var types = Mockable().ToList();
        foreach (var d in VendorDescriptor.All)
        {
            Assert.Contains(d.ClientType, types);
        }

        foreach (var job in TestVendor.All.SelectMany(v => v.JobTypes))
        {
            Assert.Contains(job, types);
        }
    }

    [Theory]
    [MemberData(nameof(MockableTypes))]
    public void Every_public_instance_member_of_a_client_or_job_is_virtual_and_it_has_a_protected_constructor(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var members = type.GetMethods(Flags)
            .Where(m => m.DeclaringType == type && !IsObjectOverride(m))
            .ToList();
        var notVirtual = members.Where(m => !m.IsVirtual || m.IsFinal).Select(m => m.Name).Distinct().ToList();
        Assert.True(notVirtual.Count == 0, $"{type.Name} members that cannot be mocked: {string.Join(", ", notVirtual)}");
        Assert.Contains(type.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance), c => c.IsFamily && c.GetParameters().Length == 0);
    }

    private static bool IsObjectOverride(MethodInfo m) =>
        m.GetBaseDefinition().DeclaringType == typeof(object) || m.Name == nameof(IDisposable.Dispose) || m.Name == nameof(IAsyncDisposable.DisposeAsync);

    /// <summary>Extensible enums: public structs that wrap a vendor string, recognised by their public (string) constructor.</summary>
    public static TheoryData<Type> ExtensibleEnums() => new(Extensible());

    private static IEnumerable<Type> Extensible() =>
        PublicTypes().Where(t => t.IsValueType && !t.IsEnum && t.GetConstructor([typeof(string)]) is not null);

    [Fact]
    public void The_known_extensible_enums_are_found()
    {
        var types = Extensible().ToList();
        foreach (var known in TestVendor.All.SelectMany(v => v.ExtensibleEnums))
        {
            Assert.Contains(known, types);
        }

        Assert.Contains(typeof(JobStatus), types);
        Assert.Contains(typeof(Pyannote.Sdk.Webhooks.WebhookRetryReason), types);
    }

    [Theory]
    [MemberData(nameof(ExtensibleEnums))]
    public void Every_extensible_enum_has_the_same_members_and_rules(Type type)
    {
        // Members: Value, constructor and implicit conversion from string, ToString, IEquatable<T>, ==, !=, GetHashCode.
        Assert.Equal(typeof(string), type.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance)?.PropertyType);
        Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type.Name} is not IEquatable<{type.Name}>");
        var implicitFromString = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == "op_Implicit" && m.ReturnType == type && m.GetParameters().Single().ParameterType == typeof(string));
        Assert.True(implicitFromString is not null, $"{type.Name} has no implicit conversion from string");
        Assert.NotNull(type.GetMethod("op_Equality", [type, type]));
        Assert.NotNull(type.GetMethod("op_Inequality", [type, type]));
        Assert.Equal(type, type.GetMethod(nameof(GetHashCode), Type.EmptyTypes)!.DeclaringType);
        Assert.Equal(type, type.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType);
        Assert.Empty(type.GetFields(BindingFlags.Public | BindingFlags.Instance));

        // Rules: ToString is Value, equality and hashing ignore case, default is empty and equals only default,
        // a null or blank string is refused the same way by the constructor and the conversion.
        var ctor = type.GetConstructor([typeof(string)])!;
        object Make(string s) => ctor.Invoke([s]);
        string Value(object o) => (string)type.GetProperty("Value")!.GetValue(o)!;
        var lower = Make("some-model-x");
        var upper = implicitFromString!.Invoke(null, ["SOME-MODEL-X"])!;
        Assert.Equal("some-model-x", Value(lower));
        Assert.Equal("some-model-x", lower.ToString());
        Assert.Equal("SOME-MODEL-X", Value(upper));
        Assert.True(lower.Equals(upper), $"{type.Name} equality is not case-insensitive");
        Assert.True((bool)type.GetMethod("op_Equality", [type, type])!.Invoke(null, [lower, upper])!);
        Assert.False((bool)type.GetMethod("op_Inequality", [type, type])!.Invoke(null, [lower, upper])!);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.False(lower.Equals(Make("other")));

        var @default = Activator.CreateInstance(type)!;
        Assert.Equal(string.Empty, Value(@default));
        Assert.Equal(string.Empty, @default.ToString());
        Assert.False(@default.Equals(lower));
        Assert.True(@default.Equals(Activator.CreateInstance(type)));

        foreach (var bad in new[] { null, "", "  " })
        {
            var byCtor = Assert.Throws<TargetInvocationException>(() => Make(bad!));
            Assert.IsAssignableFrom<ArgumentException>(byCtor.InnerException);
            var byConversion = Assert.Throws<TargetInvocationException>(() => implicitFromString.Invoke(null, [bad]));
            Assert.IsAssignableFrom<ArgumentException>(byConversion.InnerException);
        }
    }

    [Fact]
    public void Every_client_options_class_exposes_its_default_endpoint_the_same_way()
    {
        var optionsTypes = PublicTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(SpeechClientOptions).IsAssignableFrom(t)).ToList();
        Assert.Equal(VendorDescriptor.All.Count, optionsTypes.Count);
        foreach (var d in VendorDescriptor.All)
        {
            var options = Assert.Single(optionsTypes, t => t.Namespace == d.ClientType.Namespace);
            Assert.Equal(d.ClientType.Name + "Options", options.Name);
            var property = options.GetProperty("DefaultEndpoint", BindingFlags.Public | BindingFlags.Static);
            Assert.True(property is { CanWrite: false } && property.PropertyType == typeof(Uri), $"{options.Name} has no read-only static Uri DefaultEndpoint");
            Assert.Equal(d.DefaultEndpoint, property.GetValue(null));

            // A client built without an endpoint reports that same default.
            var instance = (SpeechClientOptions)Activator.CreateInstance(options)!;
            Assert.Null(instance.Endpoint);
            var client = (ISpeechClient)Activator.CreateInstance(d.ClientType, ["test-key", instance])!;
            Assert.Equal(d.DefaultEndpoint, client.Endpoint);
        }
    }
}
