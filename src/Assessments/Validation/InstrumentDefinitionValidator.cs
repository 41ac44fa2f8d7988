using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using FluentValidation;
using Assessments.Reading;

namespace Assessments.Validation;

/// <summary>
/// Validates a clinic-defined instrument before use and lists every problem, not just the first: ids, items
/// numbered 1..n, sane ranges and keys, bands covering the total range without gap or overlap, safety items,
/// domains and risk tiers pointing at real items.
/// </summary>
internal sealed class InstrumentDefinitionValidator : AbstractValidator<InstrumentDefinitionDto>
{
    public const string Code = ErrorCodes.DefinitionInvalid;

    private static readonly InstrumentDefinitionValidator Rules = new();

    /// <summary>The one validation of a clinic definition, in two stages: the limits first (<see cref="DefinitionLimits"/>:
    /// nothing is sized from a hostile number), then every rule, each problem listed. The instrument's constructor keeps a
    /// structural backstop for built-in declarations (<see cref="InstrumentChecks"/>).</summary>
    public static List<(string Code, string Message)> ValidateDefinition(InstrumentDefinitionDto dto)
    {
        List<string> limits = DefinitionLimits.Check(dto);
        if (limits.Count > 0)
            return [.. limits.Select(m => (ErrorCodes.DefinitionLimit, m))];
        FluentValidation.Results.ValidationResult validation = Rules.Validate(dto);
        return [.. validation.Errors.Select(e => (e.ErrorCode, e.ErrorMessage))];
    }

    public InstrumentDefinitionValidator()
    {
        RuleFor(x => x.Id).NotEmpty().Matches("^[a-z0-9][a-z0-9-]*$").WithErrorCode(Code)
            .WithMessage("\"id\" must be a lowercase id such as 'phq-9-local'.");
        RuleFor(x => x.Name).NotEmpty().WithErrorCode(Code).WithMessage("\"name\" is required.");
        RuleFor(x => x.Citation).NotEmpty().WithErrorCode(Code).WithMessage("\"citation\" is required: every instrument cites its source.");
        RuleFor(x => x.LicenceNote).NotEmpty().WithErrorCode(Code).WithMessage("\"licenceNote\" is required.");
        RuleFor(x => x.Rater).Must(r => WireIds.TryParse<Rater>(r, out _)).WithErrorCode(Code)
            .WithMessage("\"rater\" must be 'self', 'clinician' or 'either'.");
        RuleFor(x => x.Licence).Must(l => WireIds.TryParse<LicenceStatus>(l, out _)).WithErrorCode(Code)
            .WithMessage("\"licence\" must be one of public-domain, free-no-permission, free-for-clinical-use, proprietary, undetermined.");
        RuleFor(x => x.Scoring).Must(s => s is null || WireIds.TryParse<ScoringMethod>(s, out _)).WithErrorCode(Code)
            .WithMessage("\"scoring\" must be 'sum', 'domain-maximum-sum' or 'risk-tiers'.");
        RuleFor(x => x.CourseMode).Must(m => m is null || WireIds.TryParse<CourseMode>(m, out _)).WithErrorCode(Code)
            .WithMessage("\"courseMode\" must be 'full', 'totals-only', 'session-relative' or 'none'.");
        // courseMode wins when given; only the one contradiction that can be seen is refused (tracksTreatmentResponse
        // defaults to true, so an absent one says nothing).
        RuleFor(x => x).Must(d => !(d.CourseMode == "full" && !d.TracksTreatmentResponse)).WithErrorCode(Code)
            .WithMessage("\"tracksTreatmentResponse\" is false but \"courseMode\" is 'full': a course judges response exactly in the 'full' mode.");
        RuleFor(x => x.Items).NotEmpty().WithErrorCode(Code).WithMessage("\"items\" must list at least one item.");
        RuleForEach(x => x.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.Name).NotEmpty().WithErrorCode(Code).WithMessage(i => $"item {i.Number}: \"name\" is required.");
            item.RuleFor(i => i.Min).GreaterThanOrEqualTo(0).WithErrorCode(Code).WithMessage(i => $"item {i.Number}: \"min\" must be 0 or more.");
            item.RuleFor(i => i.Max).GreaterThanOrEqualTo(i => i.Min).WithErrorCode(Code).WithMessage(i => $"item {i.Number}: \"max\" must not be below \"min\".");
            item.RuleFor(i => i.PositionScores).Must((i, scores) => scores is null || (scores.Count > 0 && scores.All(s => s >= i.Min && s <= i.Max)))
                .WithErrorCode(Code).WithMessage(i => $"item {i.Number}: every option position must score within {i.Min}..{i.Max}.");
            item.RuleFor(i => i.OptionLabels).Must((i, labels) => labels is null || labels.Count == (i.PositionScores?.Count ?? (i.Max - i.Min + 1)))
                .WithErrorCode(Code).WithMessage(i => $"item {i.Number}: one option label per option is needed.");
            item.RuleFor(i => i.NotAssessedValue).Must((i, na) => na is null || na < i.Min || na > i.Max)
                .WithErrorCode(Code).WithMessage(i => $"item {i.Number}: \"notAssessedValue\" must lie outside {i.Min}..{i.Max}.");
        });
        RuleFor(x => x).Custom((dto, context) =>
        {
            foreach (string problem in RelationProblems(dto))
                context.AddFailure(new FluentValidation.Results.ValidationFailure("definition", problem) { ErrorCode = Code });
        });
    }

    /// <summary>Problems between parts of the definition: numbering, references, coverage.</summary>
    private static IEnumerable<string> RelationProblems(InstrumentDefinitionDto dto)
    {
        List<ItemDto> items = dto.Items ?? [];
        int n = items.Count;
        for (int i = 0; i < n; i++)
        {
            if (items[i].Number != i + 1)
                yield return string.Create(CultureInfo.InvariantCulture, $"items must be numbered 1..{n} in order; position {i + 1} has number {items[i].Number}.");
            if (items[i].AskedWhen is { } c && (c.Item < 1 || c.Item >= i + 1))
                yield return string.Create(CultureInfo.InvariantCulture, $"item {i + 1}: \"askedWhen\" must name an earlier item; it names item {c.Item}.");
            else if (items[i].AskedWhen is { } cond && (cond.Score < items[cond.Item - 1].Min || cond.Score > items[cond.Item - 1].Max))
                yield return string.Create(CultureInfo.InvariantCulture, $"item {i + 1}: \"askedWhen\" needs a score item {cond.Item} can have ({items[cond.Item - 1].Min}..{items[cond.Item - 1].Max}); otherwise the item is never asked.");
        }

        bool Real(int number) => number >= 1 && number <= n;
        ScoringMethod method = WireIds.ParseOr(dto.Scoring, ScoringMethod.Sum);

        foreach (SafetyItemDto safety in dto.SafetyItems ?? [])
        {
            if (!Real(safety.Item))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"safety item {safety.Item} is not an item of the instrument.");
                continue;
            }

            ItemDto target = items[safety.Item - 1];
            if (safety.ReviewAt < 1 || safety.UrgentAt < safety.ReviewAt || safety.UrgentAt > target.Max)
                yield return string.Create(CultureInfo.InvariantCulture, $"safety item {safety.Item}: thresholds need 1 <= reviewAt <= urgentAt <= {target.Max}.");

            // A safety item must always be scored when answered (docs/clinical-rules.md, "Never lost").
            if (target.NotAssessedValue is not null)
                yield return string.Create(CultureInfo.InvariantCulture, $"safety item {safety.Item}: a safety item may not have a \"notAssessedValue\": the suicide question is always scored.");
            if ((dto.SafetyItems ?? []).Count(x => x.Item == safety.Item) > 1)
                yield return string.Create(CultureInfo.InvariantCulture, $"safety item {safety.Item} is listed more than once.");
            if (string.IsNullOrWhiteSpace(safety.Basis))
                yield return string.Create(CultureInfo.InvariantCulture, $"safety item {safety.Item}: \"basis\" (source or convention) is required.");
        }

        var domainOf = new int[n + 1];
        foreach (DomainDto domain in dto.Domains ?? [])
        {
            foreach (int number in domain.Items ?? [])
            {
                if (!Real(number))
                    yield return string.Create(CultureInfo.InvariantCulture, $"domain '{domain.Name}' names item {number}, which does not exist.");
                else if (domainOf[number]++ > 0)
                    yield return string.Create(CultureInfo.InvariantCulture, $"item {number} is in more than one domain.");
            }

            foreach (List<int> group in domain.EitherOr ?? [])
            {
                if (group.Any(g => domain.Items?.Contains(g) != true))
                    yield return $"domain '{domain.Name}': an either/or group names an item outside the domain.";
            }
        }

        if (method == ScoringMethod.DomainMaximumSum)
        {
            for (int number = 1; number <= n; number++)
            {
                if (domainOf[number] == 0)
                    yield return string.Create(CultureInfo.InvariantCulture, $"item {number} belongs to no domain; domain-maximum-sum needs every item in one.");
            }
        }
        else if (dto.Domains is { Count: > 0 })
        {
            yield return "\"domains\" apply only to scoring 'domain-maximum-sum'.";
        }

        if ((dto.RiskTiers ?? []).GroupBy(t => t.Level).Any(g => g.Count() > 1))
            yield return "risk tiers: each level appears once (a repeated tier would raise a flag twice).";
        foreach (RiskTierDto tier in dto.RiskTiers ?? [])
        {
            if (!WireIds.TryParse<RiskLevel>(tier.Level, out _))
                yield return $"risk tier '{tier.Level}': \"level\" must be none, low, moderate or high.";
            if (tier.Priority is not null && !WireIds.TryParse<FlagPriority>(tier.Priority, out _))
                yield return $"risk tier '{tier.Level}': \"priority\" must be review, urgent or null.";
            foreach (int number in tier.AnyOf ?? [])
            {
                if (!Real(number))
                    yield return string.Create(CultureInfo.InvariantCulture, $"risk tier '{tier.Level}' names item {number}, which does not exist.");
            }
        }

        if (method == ScoringMethod.RiskTiers && dto.RiskTiers is not { Count: > 0 })
            yield return "scoring 'risk-tiers' needs \"riskTiers\".";
        if (method != ScoringMethod.RiskTiers && dto.RiskTiers is { Count: > 0 })
            yield return "\"riskTiers\" apply only to scoring 'risk-tiers'.";
        if (dto.MaxMissingForProration < 0 || (n > 0 && dto.MaxMissingForProration >= n))
            yield return string.Create(CultureInfo.InvariantCulture, $"\"maxMissingForProration\" must be between 0 and {System.Math.Max(0, n - 1)}.");

        bool domainsBroken = (dto.Domains ?? []).Any(d => (d.Items ?? []).Any(m => !Real(m))) || domainOf.Skip(1).Any(d => d != 1);
        if (n == 0 || items.Any(i => i.Max < i.Min) || (method == ScoringMethod.DomainMaximumSum && domainsBroken))
            yield break; // the total range is unknown; band coverage cannot be checked

        (int minTotal, int maxTotal) = TotalRange(dto, method);
        if (method == ScoringMethod.RiskTiers && dto.BandSets is { Count: > 0 })
            yield return "a risk-tier instrument has no total, so it takes no \"bandSets\".";
        var setIds = new HashSet<string>();
        foreach (BandSetDto set in dto.BandSets ?? [])
        {
            if (string.IsNullOrWhiteSpace(set.Id) || !setIds.Add(set.Id))
                yield return $"band set '{set.Id}': ids must be present and unique.";
            if (string.IsNullOrWhiteSpace(set.Citation))
                yield return $"band set '{set.Id}': \"citation\" is required.";
            List<BandDefinitionDto> bands = set.Bands ?? [];
            if (bands.Select(b => b.Id).Distinct().Count() != bands.Count || bands.Any(b => string.IsNullOrWhiteSpace(b.Id) || string.IsNullOrWhiteSpace(b.Label)))
                yield return $"band set '{set.Id}': every band needs a unique id and a label.";
            if (bands.Any(b => b.Max < b.Min))
            {
                yield return $"band set '{set.Id}': a band ends before it starts.";
                continue;
            }

            var problems = ImmutableArray.CreateBuilder<string>();
            BandCoverage.CollectProblems([.. bands.Select(b => new SeverityBand(string.IsNullOrWhiteSpace(b.Id) ? "?" : b.Id, string.IsNullOrWhiteSpace(b.Label) ? "?" : b.Label, b.Min, b.Max))], minTotal, maxTotal, problems);
            foreach (string problem in problems)
                yield return $"band set '{set.Id}': {problem}";
        }

        if (dto.RemissionThreshold is int remission && (remission < minTotal || remission > maxTotal))
            yield return string.Create(CultureInfo.InvariantCulture, $"\"remissionThreshold\" must lie within the total range {minTotal}..{maxTotal}.");
        if (dto.RelapseThreshold is int relapse && (relapse < minTotal || relapse > maxTotal))
            yield return string.Create(CultureInfo.InvariantCulture, $"\"relapseThreshold\" must lie within the total range {minTotal}..{maxTotal}.");
        if (dto.Mcid is int mcid && (mcid < 1 || mcid > maxTotal))
            yield return string.Create(CultureInfo.InvariantCulture, $"\"mcid\" must lie in 1..{maxTotal}.");
    }

    internal static (int Min, int Max) TotalRange(InstrumentDefinitionDto dto, ScoringMethod method)
    {
        List<ItemDto> items = dto.Items ?? [];
        if (method == ScoringMethod.RiskTiers)
            return (0, 0);
        if (method == ScoringMethod.DomainMaximumSum)
        {
            int min = 0, max = 0;
            foreach (DomainDto domain in dto.Domains ?? [])
            {
                List<int> members = domain.Items ?? [];
                if (members.Count == 0)
                    continue;
                min += members.Min(m => Lowest(items[m - 1]));
                max += members.Max(m => items[m - 1].Max);
            }

            return (min, max);
        }

        return (items.Sum(Lowest), items.Sum(i => i.Max));
    }

    /// <summary>The least an item adds to a total: 0 when skip logic or "not assessed" may leave it out.</summary>
    private static int Lowest(ItemDto item) => item.AskedWhen is null && (item.NotAssessedValue is null || item.NotAssessedIsMissing) ? item.Min : 0;
}
