using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace Assessments.Tests;

/// <summary>Keeps the house conventions honest: public types sealed or static, and immutable.</summary>
public sealed class ConventionTests
{
    private static readonly Type[] PublicTypes = typeof(Instrument).Assembly.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
    {
        Type[] open = PublicTypes
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .ToArray();
        Assert.Empty(open);
    }

    [Fact]
    public void PublicTypes_HaveNoPublicSettersExceptInit()
    {
        var setters = PublicTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToArray();
        Assert.Empty(setters);
    }

    [Fact]
    public void PublicTypes_HaveNoPublicMutableFields()
    {
        var fields = PublicTypes
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.DeclaringType!.IsEnum)
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}")
            .ToArray();
        Assert.Empty(fields);
    }

    [Fact]
    public void FluentValidation_StaysBehindOurOwnTypes()
    {
        var leaks = PublicTypes
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ToString()!.Contains("FluentValidation", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(leaks);
        Assert.DoesNotContain(PublicTypes, t => t.BaseType?.Namespace?.StartsWith("FluentValidation", StringComparison.Ordinal) == true);
    }
}
