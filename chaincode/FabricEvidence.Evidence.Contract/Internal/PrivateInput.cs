using System.Security.Cryptography;
using System.Text.Json;
using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>
/// Reads the private inputs of a submission from transient data. Values must be RFC 8785 canonical JSON, so that
/// whoever later holds the values can recompute the public hash; messages name fields and JSON paths but never echo a
/// value, since these are personal data and refusals are logged.
/// </summary>
internal static class PrivateInput
{
    private const int MaxOriginBytes = 16 * 1024;
    private const int MaxCaseDetailsBytes = 160 * 1024;

    /// <summary>The validated origin and case details (optional), with the hashes the public record keeps.</summary>
    public static PrivateValues Read(IChaincodeStub stub)
    {
        foreach (var key in stub.Transient.Keys.Order(StringComparer.Ordinal))
        {
            if (key is not (EvidenceTransientKeys.Origin or EvidenceTransientKeys.CaseDetails))
            {
                throw Errors.InvalidArgument($"The transient data has the key {Input.Show(key)}, which this transaction does not read; only '{EvidenceTransientKeys.Origin}' and '{EvidenceTransientKeys.CaseDetails}' are accepted (nothing is stored that was not checked).");
            }
        }

        if (!stub.Transient.TryGetValue(EvidenceTransientKeys.Origin, out var origin))
        {
            throw Errors.InvalidArgument($"The transient data has no '{EvidenceTransientKeys.Origin}': the evidence's origin (operator, device, acquisition tool and version, place) is required, as canonical JSON in transient data so that it stays off the public ledger.");
        }

        var originValue = Parse<EvidenceOrigin>(origin, EvidenceTransientKeys.Origin, MaxOriginBytes);
        Input.Text(originValue.Operator, "origin's operator", EvidenceLimits.MaxOriginFieldLength);
        Input.Text(originValue.Device, "origin's device", EvidenceLimits.MaxOriginFieldLength);
        Input.Text(originValue.AcquisitionTool, "origin's acquisitionTool", EvidenceLimits.MaxOriginFieldLength);
        Input.Text(originValue.AcquisitionToolVersion, "origin's acquisitionToolVersion", EvidenceLimits.MaxOriginFieldLength);
        Input.Text(originValue.Place, "origin's place", EvidenceLimits.MaxOriginFieldLength);
        Input.Salt(originValue.Salt, "origin's salt");

        byte[]? caseDetails = null;
        if (stub.Transient.TryGetValue(EvidenceTransientKeys.CaseDetails, out var details))
        {
            var detailsValue = Parse<CaseDetails>(details, EvidenceTransientKeys.CaseDetails, MaxCaseDetailsBytes);
            Input.MultilineText(detailsValue.Text, "caseDetails' text", EvidenceLimits.MaxCaseDetailsLength);
            Input.Salt(detailsValue.Salt, "caseDetails' salt");
            caseDetails = details;
        }

        return new PrivateValues(origin, caseDetails);
    }

    public static string Hash(byte[] value) => Convert.ToHexStringLower(SHA256.HashData(value));

    private static T Parse<T>(byte[] bytes, string key, int maxBytes)
    {
        if (bytes.Length > maxBytes)
        {
            throw Errors.InvalidArgument($"The transient '{key}' is {bytes.Length} bytes; at most {maxBytes} are allowed.");
        }

        byte[] canonical;
        try
        {
            canonical = ChaincodeJson.Canonicalize(bytes);
        }
        catch (JsonException)
        {
            throw Errors.InvalidArgument($"The transient '{key}' is not valid JSON.");
        }

        if (!canonical.AsSpan().SequenceEqual(bytes))
        {
            throw Errors.InvalidArgument($"The transient '{key}' is not in RFC 8785 canonical form (members sorted, no white space); send it canonicalized so that its hash can be recomputed from the values.");
        }

        try
        {
            return ChaincodeJson.Deserialize<T>(bytes);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            throw Errors.InvalidArgument($"The transient '{key}' is not a valid {typeof(T).Name}{where}: every member is required, none other is allowed, and all are strings.");
        }
    }
}

/// <summary>The private values of a submission, as the client sent them.</summary>
internal sealed record PrivateValues(byte[] Origin, byte[]? CaseDetails);
