using System.Globalization;

namespace FabricEvidence.Verification.Internal;

/// <summary>A report laid out for reading: every value already a string in the report's language, in display order.</summary>
internal sealed class ReportModel
{
    public required VerificationReport Report { get; init; }

    public required ReportText Text { get; init; }

    public required string VerdictLabel { get; init; }

    public required string VerdictText { get; init; }

    public required string VerdictClass { get; init; }

    public required IReadOnlyList<(string Label, string Value)> Facts { get; init; }

    public required IReadOnlyList<ItemModel> Items { get; init; }

    public required string ChecksSummary { get; init; }

    public required IReadOnlyList<FailureModel> Failures { get; init; }

    public required IReadOnlyList<OrganizationModel> Organizations { get; init; }

    public static ReportModel From(VerificationReport report)
    {
        var text = ReportText.For(report.Options.Culture);
        var result = report.Result;
        var zoneLabel = ZoneLabel(report.TimeZone, report.GeneratedAt);
        var (label, verdictText, cls) = result.Verdict switch
        {
            VerificationVerdict.Verified => (text["VerdictVerified"], text["VerdictVerifiedText"], "verified"),
            VerificationVerdict.Incomplete => (text["VerdictIncomplete"], text["VerdictIncompleteText"], "incomplete"),
            _ => (text["VerdictNotVerified"], text["VerdictNotVerifiedText"], "not-verified"),
        };
        var facts = new List<(string, string)>
        {
            (text["Generated"], UtcText(report.GeneratedAt) + " / " + LocalText(report.GeneratedAt, report.TimeZone)),
            (text["TimeZone"], zoneLabel),
            (text["Channel"], result.Channel),
            (text["Chaincode"], result.Chaincode),
        };
        if (result.LastBlockHash.Length > 0)
        {
            facts.Add((text["BlocksChecked"], text.Format("BlockRange", result.FirstBlock, result.LastBlock)));
            facts.Add((text["LastBlockHash"], result.LastBlockHash));
        }

        var items = result.Items.Select(item => new ItemModel
        {
            ItemId = item.ItemId,
            Algorithm = item.DigestAlgorithm,
            Recorded = item.RecordedDigest,
            Computed = item.ComputedDigest ?? text["NoFile"],
            Matches = item.ComputedDigest is null ? null : item.FileMatches,
            Comparison = item.ComputedDigest is null ? text["NoFile"] : item.FileMatches ? text["DigestMatch"] : text["DigestMismatch"],
            Transactions = [.. item.Transactions.Select(t => Transaction(t, report, text))],
        }).ToList();
        var failures = result.Failures.Select(f => new FailureModel(text.Named("Check", f.Name), f.Subject, f.Message)).ToList();
        var organizations = result.Organizations.Select(o => new OrganizationModel(
            o.MspId,
            o.RootFingerprints,
            o.IsTrusted switch { true => text["Trusted"], false => text["NotTrusted"], null => text["TrustUnchecked"] })).ToList();
        return new ReportModel
        {
            Report = report,
            Text = text,
            VerdictLabel = label,
            VerdictText = verdictText,
            VerdictClass = cls,
            Facts = facts,
            Items = items,
            ChecksSummary = text.Format("ChecksSummary", result.Checks.Count, failures.Count),
            Failures = failures,
            Organizations = organizations,
        };
    }

    public string LocalTimeHeading => Text.Format("TimeLocal", Report.TimeZone.Id);

    /// <summary>RFC 3339 in UTC, to the nanosecond as the ledger records it.</summary>
    public static string UtcText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string LocalText(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Offset(local.Offset);
    }

    public static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);

    private static string ZoneLabel(TimeZoneInfo zone, DateTimeOffset at) => zone.Id + " (" + Offset(zone.GetUtcOffset(at)) + ")";

    private static TransactionModel Transaction(VerifiedTransaction t, VerificationReport report, ReportText text)
    {
        var time = t.Timestamp.ToDateTimeOffset();
        var creator = t.Creator;
        return new TransactionModel
        {
            Step = text.Named("Event", t.Role.Length > 0 ? t.Role : t.EventName),
            TransactionId = t.TransactionId,
            BlockNumber = t.BlockNumber.ToString(CultureInfo.InvariantCulture),
            TimeUtc = t.Timestamp.ToString(),
            TimeLocal = LocalText(time, report.TimeZone),
            MspId = creator?.MspId ?? string.Empty,
            Subject = creator is null ? string.Empty : report.Options.IncludeIdentities ? creator.Subject : text["Withheld"],
            Role = text.Named("Role", creator?.Role ?? creator?.NodeRole),
            Endorsers = string.Join(", ", t.EndorsingOrganizations),
            ValidationCode = t.ValidationCode is null ? string.Empty : text.Named("Validation", t.ValidationCodeName) + (t.ValidationCodeName == "VALID" ? string.Empty : " (" + t.ValidationCode.Value.ToString(CultureInfo.InvariantCulture) + ")"),
            Verified = t.IsVerified,
            VerifiedText = t.IsVerified ? text["Passed"] : text["Failed"],
        };
    }
}

internal sealed class ItemModel
{
    public required string ItemId { get; init; }

    public required string Algorithm { get; init; }

    public required string Recorded { get; init; }

    public required string Computed { get; init; }

    public required bool? Matches { get; init; }

    public required string Comparison { get; init; }

    public required IReadOnlyList<TransactionModel> Transactions { get; init; }
}

internal sealed class TransactionModel
{
    public required string Step { get; init; }

    public required string TransactionId { get; init; }

    public required string BlockNumber { get; init; }

    public required string TimeUtc { get; init; }

    public required string TimeLocal { get; init; }

    public required string MspId { get; init; }

    public required string Subject { get; init; }

    public required string Role { get; init; }

    public required string Endorsers { get; init; }

    public required string ValidationCode { get; init; }

    public required bool Verified { get; init; }

    public required string VerifiedText { get; init; }
}

internal sealed record FailureModel(string Check, string Subject, string Message);

internal sealed record OrganizationModel(string MspId, IReadOnlyList<string> Fingerprints, string Trust);
