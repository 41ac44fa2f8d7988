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

    /// <summary>A default value is never a clinical claim: the enums that state one (risk, priority, safety screen,
    /// course status) have no member at 0, so <c>default</c> is no value and writing it throws.</summary>
    [Fact]
    public void ClinicalEnums_HaveNoMemberAtZero_AndTheirDefaultHasNoWireId()
    {
        Type[] clinical = [typeof(RiskLevel), typeof(FlagPriority), typeof(SafetyScreen), typeof(Assessments.Trends.CourseStatus)];
        foreach (Type type in clinical)
            Assert.DoesNotContain(0, Enum.GetValues(type).Cast<object>().Select(Convert.ToInt32));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(RiskLevel).ToWireId());
        Assert.Throws<ArgumentOutOfRangeException>(() => default(FlagPriority).ToWireId());
        Assert.Throws<ArgumentOutOfRangeException>(() => default(SafetyScreen).ToWireId());
        Assert.Throws<ArgumentOutOfRangeException>(() => default(Assessments.Trends.CourseStatus).ToWireId());
    }

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
