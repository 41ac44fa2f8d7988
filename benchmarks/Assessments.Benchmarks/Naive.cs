using System.Collections.Generic;
using System.Linq;
using FluentValidation;

namespace Assessments.Benchmarks;

/// <summary>What most clinic code does today: a FluentValidation validator built per call, LINQ, results as new lists.</summary>
internal static class Naive
{
    public sealed record Result(int Total, string Band, List<string> Flags, List<string> Errors);

    public static Result Score(int[] values, int itemCount, int maxItem, (int Min, string Band)[] bands, int safetyItem)
    {
        var validator = new InlineValidator<int[]>();
        validator.RuleFor(v => v.Length).Equal(itemCount).WithErrorCode("item-count");
        validator.RuleForEach(v => v).InclusiveBetween(0, maxItem).WithErrorCode("item-out-of-range");
        var validation = validator.Validate(values);
        if (!validation.IsValid)
            return new Result(-1, "", new List<string>(), validation.Errors.Select(e => e.ErrorCode).ToList());
        int total = values.Sum();
        string band = bands.Where(b => total >= b.Min).Select(b => b.Band).Last();
        var flags = values.Select((v, i) => (v, i)).Where(x => x.i + 1 == safetyItem && x.v > 0).Select(x => $"suicide-risk:{x.v}").ToList();
        return new Result(total, band, flags, new List<string>());
    }
}
