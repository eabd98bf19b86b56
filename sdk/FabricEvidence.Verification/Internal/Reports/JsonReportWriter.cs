using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Writes a report as JSON for machines: culture-neutral names and codes (the translated words are the HTML's and
/// PDF's business), times as RFC 3339 with the ledger's nanoseconds, and the same facts as the readable formats.
/// </summary>
internal static class JsonReportWriter
{
    public const string FormatName = "fabric-evidence-verification-report";

    public static async Task WriteAsync(ReportModel model, Stream destination, CancellationToken cancellationToken)
    {
        var report = model.Report;
        var result = report.Result;
        var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("formatVersion", 1);
            writer.WriteString("language", model.Text.Language);
            writer.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("timeZone", report.TimeZone.Id);
            writer.WriteString("verdict", model.VerdictClass);
            writer.WriteBoolean("identitiesIncluded", report.Options.IncludeIdentities);
            writer.WriteString("channel", result.Channel);
            writer.WriteString("chaincode", result.Chaincode);
            writer.WriteNumber("firstBlock", result.FirstBlock);
            writer.WriteNumber("lastBlock", result.LastBlock);
            writer.WriteString("lastBlockHash", result.LastBlockHash);
            writer.WriteStartArray("items");
            foreach (var item in result.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("itemId", item.ItemId);
                writer.WriteString("digestAlgorithm", item.DigestAlgorithm);
                writer.WriteString("recordedDigest", item.RecordedDigest);
                if (item.ComputedDigest is null)
                {
                    writer.WriteNull("computedDigest");
                    writer.WriteNull("fileMatches");
                }
                else
                {
                    writer.WriteString("computedDigest", item.ComputedDigest);
                    writer.WriteBoolean("fileMatches", item.FileMatches);
                }

                writer.WriteStartArray("transactions");
                foreach (var t in item.Transactions)
                {
                    WriteTransaction(writer, t, report);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("checks");
            writer.WriteNumber("total", result.Checks.Count);
            writer.WriteNumber("failed", model.Failures.Count);
            writer.WriteEndObject();
            writer.WriteStartArray("failures");
            foreach (var failure in result.Failures)
            {
                writer.WriteStartObject();
                writer.WriteString("check", failure.Name);
                writer.WriteString("subject", failure.Subject);
                writer.WriteString("message", failure.Message);
                if (failure.BlockNumber is { } block)
                {
                    writer.WriteNumber("blockNumber", block);
                }

                if (failure.TransactionId is not null)
                {
                    writer.WriteString("transactionId", failure.TransactionId);
                }

                if (failure.ItemId is not null)
                {
                    writer.WriteString("itemId", failure.ItemId);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("organizations");
            foreach (var organization in result.Organizations)
            {
                writer.WriteStartObject();
                writer.WriteString("mspId", organization.MspId);
                writer.WriteStartArray("rootFingerprints");
                foreach (var fingerprint in organization.RootFingerprints)
                {
                    writer.WriteStringValue(fingerprint);
                }

                writer.WriteEndArray();
                if (organization.IsTrusted is { } trusted)
                {
                    writer.WriteBoolean("trusted", trusted);
                }
                else
                {
                    writer.WriteNull("trusted");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteTransaction(Utf8JsonWriter writer, VerifiedTransaction t, VerificationReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("transactionId", t.TransactionId);
        writer.WriteNumber("blockNumber", t.BlockNumber);
        writer.WriteNumber("transactionIndex", t.TransactionIndex);
        writer.WriteString("timestamp", t.Timestamp.ToString());
        writer.WriteString("localTime", TimeZoneInfo.ConvertTime(t.Timestamp.ToDateTimeOffset(), report.TimeZone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
        writer.WriteString("step", t.Role);
        writer.WriteString("function", t.Function);
        if (t.Creator is { } creator)
        {
            writer.WriteStartObject("creator");
            writer.WriteString("mspId", creator.MspId);
            if (report.Options.IncludeIdentities)
            {
                writer.WriteString("subject", creator.Subject);
            }
            else
            {
                writer.WriteNull("subject");
            }

            writer.WriteString("role", creator.Role);
            writer.WriteString("nodeRole", creator.NodeRole);
            writer.WriteString("certificateFingerprint", creator.CertificateFingerprint);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("creator");
        }

        writer.WriteStartArray("endorsingOrganizations");
        foreach (var organization in t.EndorsingOrganizations)
        {
            writer.WriteStringValue(organization);
        }

        writer.WriteEndArray();
        if (t.ValidationCode is { } code)
        {
            writer.WriteNumber("validationCode", code);
        }
        else
        {
            writer.WriteNull("validationCode");
        }

        writer.WriteString("validationCodeName", t.ValidationCodeName);
        writer.WriteBoolean("verified", t.IsVerified);
        writer.WriteEndObject();
    }
}
