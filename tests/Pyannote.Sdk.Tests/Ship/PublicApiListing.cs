using System.Reflection;
using System.Text;

namespace Pyannote.Sdk.Tests.Ship;

/// <summary>Writes every public (and protected, on inheritable types) type and member of an assembly as sorted text lines.</summary>
public static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Build(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var sb = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(Describe(type)).Append('\n');
            var lines = new List<string>();
            foreach (var m in type.GetMembers(Declared))
            {
                if (!IsVisible(m, type) || IsAccessorOrCompilerGenerated(m))
                {
                    continue;
                }

                lines.Add("  " + Describe(m, nullability));
            }

            foreach (var line in lines.Distinct().OrderBy(l => l, StringComparer.Ordinal))
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static bool IsVisible(MemberInfo m, Type owner)
    {
        var inheritable = !owner.IsSealed && !owner.IsValueType && !owner.IsInterface;
        return m switch
        {
            MethodBase mb => mb.IsPublic || (inheritable && (mb.IsFamily || mb.IsFamilyOrAssembly)),
            FieldInfo f => f.IsPublic || (inheritable && (f.IsFamily || f.IsFamilyOrAssembly)),
            PropertyInfo p => p.GetAccessors(true).Any(a => a.IsPublic || (inheritable && (a.IsFamily || a.IsFamilyOrAssembly))),
            EventInfo e => e.AddMethod is { } add && (add.IsPublic || (inheritable && (add.IsFamily || add.IsFamilyOrAssembly))),
            Type t => t.IsNestedPublic || (inheritable && (t.IsNestedFamily || t.IsNestedFamORAssem)),
            _ => false,
        };
    }

    private static bool IsAccessorOrCompilerGenerated(MemberInfo m) =>
        (m is MethodInfo mi && mi.IsSpecialName && !mi.Name.StartsWith("op_", StringComparison.Ordinal))
        || m.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null
        || m is Type
        || (m is FieldInfo fi && fi.IsSpecialName);

    private static string Describe(Type t)
    {
        var kind = t.IsInterface ? "interface" : t.IsEnum ? "enum" : t.IsValueType ? (IsRecord(t) ? "record struct" : "struct")
            : typeof(Delegate).IsAssignableFrom(t) ? "delegate" : IsRecord(t) ? "record" : "class";
        var mods = t.IsInterface || t.IsValueType ? string.Empty : t.IsAbstract && t.IsSealed ? "static " : t.IsAbstract ? "abstract " : t.IsSealed ? "sealed " : string.Empty;
        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(t))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(t.IsEnum ? [] : t.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Where(n => !n.StartsWith("System.IEquatable<", StringComparison.Ordinal) || !IsRecord(t)).OrderBy(n => n, StringComparer.Ordinal));
        return $"{mods}{kind} {Name(t)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string Describe(MemberInfo m, NullabilityInfoContext ctx) => m switch
    {
        ConstructorInfo c => $"{Access(c)}{(c.IsStatic ? "static " : string.Empty)}.ctor({Params(c.GetParameters(), ctx)})",
        MethodInfo mi => $"{Access(mi)}{Modifiers(mi)}{TypeName(mi.ReturnParameter, ctx)} {mi.Name}{GenericArgs(mi)}({Params(mi.GetParameters(), ctx)})",
        PropertyInfo p => $"{Access(p.GetMethod ?? p.SetMethod!)}{Modifiers(p.GetMethod ?? p.SetMethod!)}{TypeName(p, ctx)} {p.Name} {{ {Accessors(p)}}}",
        FieldInfo f => $"{Access(f)}{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => m.ToString()!,
    };

    private static string Accessors(PropertyInfo p)
    {
        var sb = new StringBuilder();
        if (p.GetMethod is { } g && (g.IsPublic || g.IsFamily || g.IsFamilyOrAssembly))
        {
            sb.Append("get; ");
        }

        if (p.SetMethod is { } s && (s.IsPublic || s.IsFamily || s.IsFamilyOrAssembly))
        {
            var init = s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            sb.Append(init ? "init; " : "set; ");
        }

        return sb.ToString();
    }

    private static string Access(MethodBase m) => m.IsPublic ? string.Empty : "protected ";

    private static string Access(FieldInfo f) => f.IsPublic ? string.Empty : "protected ";

    private static string Modifiers(MethodInfo m)
    {
        if (m.IsStatic)
        {
            return "static ";
        }

        if (m.DeclaringType!.IsInterface)
        {
            return string.Empty;
        }

        if (m.IsAbstract)
        {
            return "abstract ";
        }

        if (m.IsVirtual && !m.IsFinal)
        {
            return m.GetBaseDefinition().DeclaringType != m.DeclaringType ? "override " : "virtual ";
        }

        return m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType ? "override " : string.Empty;
    }

    private static string GenericArgs(MethodInfo m) => m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Params(ParameterInfo[] ps, NullabilityInfoContext ctx) => string.Join(", ", ps.Select(p =>
    {
        var prefix = p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : p.GetCustomAttribute<ParamArrayAttribute>() is not null ? "params " : string.Empty;
        var def = p.HasDefaultValue ? " = " + (p.DefaultValue is null ? (p.ParameterType.IsValueType ? "default" : "null") : p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue is bool b ? (b ? "true" : "false") : p.DefaultValue.ToString()) : string.Empty;
        return $"{prefix}{TypeName(p, ctx)} {p.Name}{def}";
    }));

    private static string TypeName(ParameterInfo p, NullabilityInfoContext ctx)
    {
        var name = Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType);
        try
        {
            return !p.ParameterType.IsValueType && ctx.Create(p).ReadState == NullabilityState.Nullable && !name.EndsWith('?') ? name + "?" : name;
        }
        catch (InvalidOperationException)
        {
            return name;
        }
    }

    private static string TypeName(PropertyInfo p, NullabilityInfoContext ctx)
    {
        var name = Name(p.PropertyType);
        return !p.PropertyType.IsValueType && ctx.Create(p).ReadState == NullabilityState.Nullable ? name + "?" : name;
    }

    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
        || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static string Name(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Name(u) + "?";
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[]";
        }

        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace is null ? t.Name : t.Namespace + "." + t.Name);
        if (t.IsGenericType)
        {
            var tick = name.IndexOf('`');
            if (tick >= 0)
            {
                name = name[..tick];
            }

            name += "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }
}
