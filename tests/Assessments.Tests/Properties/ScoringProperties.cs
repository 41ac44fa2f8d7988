using System.Linq;
using FsCheck.Xunit;
using Xunit;

namespace Assessments.Tests.Properties;

/// <summary>Invariants of the scoring engine over every instrument of the catalogue.</summary>
[Properties(Arbitrary = [typeof(Generators)], MaxTest = 300)]
public sealed class ScoringProperties
{
    [Property]
    public bool EveryValidResponse_ScoresInsideTheRange(ValidResponse response)
    {
        AssessmentScore score = response.Instrument.Score(response.Values).ScoreOrThrow();
        if (!response.Instrument.HasTotal)
            return !score.HasTotal && score.RiskLevel is not null;
        return score.Total >= response.Instrument.MinTotal && score.Total <= response.Instrument.MaxTotal;
    }

    [Property]
    public bool EveryTotal_LandsInExactlyOneBandOfEveryBandSet(ValidResponse response)
    {
        AssessmentScore score = response.Instrument.Score(response.Values).ScoreOrThrow();
        if (score.Total is not int total)
            return score.Band is null;
        if (response.Instrument.BandSets.IsEmpty)
            return score.Band is null;
        return response.Instrument.BandSets.All(set => set.Bands.Count(b => b.Contains(total)) == 1)
            && score.Band!.Contains(total)
            && score.Band == response.Instrument.DefaultBandSet!.Classify(total);
    }

    [Property]
    public bool RaisingOneItem_NeverLowersTheTotal(ValidResponse response, int seed)
    {
        Instrument instrument = response.Instrument;
        if (!instrument.HasTotal)
            return true;
        int index = unchecked((int)((uint)seed % (uint)response.Values.Length));
        if (response.Values[index] >= instrument.Items[index].MaxScore)
            return true;
        int?[] raised = (int?[])response.Values.Clone();
        raised[index]++;
        return instrument.Score(raised).ScoreOrThrow().Total >= instrument.Score(response.Values).ScoreOrThrow().Total;
    }

    [Property]
    public bool OutOfRangeValues_AreRejectedWithACodeNamingTheItem(OutOfRangeResponse response)
    {
        ScoringResult result = response.Instrument.Score(response.Values);
        return !result.IsSuccess && result.Score is null
            && result.Errors.Any(e => e.Code == ErrorCodes.ItemOutOfRange && e.ItemNumber == response.ItemNumber);
    }

    [Property]
    public bool WrongLengthResponses_AreRejectedWithItemCount(WrongLengthResponse response)
    {
        ScoringResult result = response.Instrument.Score(response.Values);
        return !result.IsSuccess && result.Errors.Length == 1 && result.Errors[0].Code == ErrorCodes.ItemCount;
    }

    [Property]
    public bool OptionPositionsAndItemScores_AgreeThroughTheKey(PositionResponse response)
    {
        Instrument instrument = response.Instrument;
        int?[] keyed = response.Positions.Select((p, i) => (int?)instrument.Items[i].PositionScores[p!.Value]).ToArray();
        AssessmentScore byPosition = instrument.Score(response.Positions, new ScoringOptions { Values = ResponseValueKind.OptionPositions }).ScoreOrThrow();
        AssessmentScore byScore = instrument.Score(keyed).ScoreOrThrow();
        return byPosition.Total == byScore.Total && byPosition.ItemScores.SequenceEqual(byScore.ItemScores);
    }

    /// <summary>Validation accepts exactly the valid responses: whatever it accepts scores, whatever it rejects has codes.</summary>
    [Property]
    public bool AnyResponse_IsEitherScoredOrRejectedWithCodes(Response response)
    {
        Assert.True(Assessments.Instruments.TryGet(response.InstrumentId, out Instrument? instrument));
        ScoringResult result = instrument.Score(response);
        bool expectedValid = response.Items.Length == instrument.Items.Length && IsValidByReference(instrument, response);
        return result.IsSuccess == expectedValid && (result.IsSuccess ? result.Errors.IsEmpty : !result.Errors.IsEmpty && result.Score is null);
    }

    [Fact]
    public void BandSets_CoverTheRangeWithoutGapOrOverlap_ForEveryInstrument()
    {
        foreach (Instrument instrument in Assessments.Instruments.All)
        {
            foreach (BandSet set in instrument.BandSets)
            {
                for (int total = instrument.MinTotal; total <= instrument.MaxTotal; total++)
                    Assert.Single(set.Bands, b => b.Contains(total));
                Assert.DoesNotContain(set.Bands, b => b.Min < instrument.MinTotal || b.Max > instrument.MaxTotal);
            }
        }
    }

    /// <summary>An independent reading of the validity rules (docs/clinical-rules.md §1, §4, §5) for sum-style checks.</summary>
    private static bool IsValidByReference(Instrument instrument, Response response)
    {
        bool positions = response.Options.Values == ResponseValueKind.OptionPositions;
        int?[] keyed = new int?[instrument.Items.Length];
        for (int i = 0; i < keyed.Length; i++)
        {
            Item item = instrument.Items[i];
            if (response.Items[i] is not int v)
                continue;
            if (positions && item.RefusesOptionPositions)
                return false; // CGI: a rating is an item score; positions are refused
            if (v == item.NotAssessedValue && (!positions || v < 0 || v >= item.PositionScores.Length))
            {
                // "Not assessed": 0 (HAM-D item 16, WSAS item 1), or missing (CGI).
                if (item.NotAssessedIsMissing)
                    return false;
                keyed[i] = 0;
            }
            else if (positions ? v >= 0 && v < item.PositionScores.Length : v >= item.MinScore && v <= item.MaxScore)
                keyed[i] = positions ? item.PositionScores[v] : v;
            else
                return false;
        }

        if (instrument.Id is "cssrs-screen" or "cssrs-slv")
        {
            // docs/clinical-rules.md §4: 3-5 are asked when 2 is yes; the screener's 7 when 6 is yes.
            bool ask35 = keyed[1] == 1, ask7 = keyed[5] == 1;
            for (int i = 0; i < instrument.Items.Length; i++)
            {
                bool asked = i is 2 or 3 or 4 ? ask35 : i == 6 ? ask7 : true;
                if (asked != (response.Items[i] is not null))
                    return false;
            }

            return true;
        }

        int missing = response.Items.Count(v => v is null);
        if (missing == 0)
            return true;
        if (instrument.Id is "qids-sr16" or "qids-c16")
            return QidsValid(keyed, response.Options.Prorate);
        if (instrument.Id == "ids-sr30")
        {
            // Rush 1996 / ids-qids.org: one of 11/12 and one of 13/14 is scored; every other item is required.
            bool pairsAnswered = (keyed[10] is not null || keyed[11] is not null) && (keyed[12] is not null || keyed[13] is not null);
            return pairsAnswered && Enumerable.Range(1, 30).Where(n => n is < 11 or > 14).All(n => keyed[n - 1] is not null);
        }
        bool safetyMissing = instrument.SafetyRules.Any(r => response.Items[r.ItemNumber - 1] is null);
        return response.Options.Prorate && !safetyMissing && missing <= instrument.MaxMissingForProration;
    }

    private static bool QidsValid(int?[] keyed, bool prorate)
    {
        bool Answered(params int[] items) => items.Any(n => keyed[n - 1] is not null);
        foreach (int single in new[] { 5, 10, 11, 12, 13, 14 })
        {
            if (!Answered(single))
                return false;
        }

        foreach (int[] domain in new[] { new[] { 1, 2, 3, 4 }, new[] { 6, 7, 8, 9 }, new[] { 15, 16 } })
        {
            if (!Answered(domain))
                return false;
        }

        if (prorate)
            return true;

        // Without proration only the either/or partners (6/7, 8/9) may be blank, and only beside an answer.
        int[] others = [1, 2, 3, 4, 15, 16];
        return others.All(n => keyed[n - 1] is not null) && Answered(6, 7) && Answered(8, 9);
    }
}
