using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Verification.Portal.Identity;

/// <summary>
/// Uses the form's nonce, verifies the presentation with <see cref="VerifierClient"/> (which records the verification
/// on the ledger as the portal's verifier identity) and turns every way it can end into one <see cref="IdentityCheck"/>
/// with a reason code the page states in words.
/// </summary>
internal sealed partial class IdentityVerificationService(VerifierClient verifier, NonceStore nonces, ILogger<IdentityVerificationService> logger)
{
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The verifier's organisation (MSP id): the audience holders bind presentations to.</summary>
    public string Audience => verifier.Audience;

    public async Task<IdentityCheck> VerifyAsync(string presentation, string nonce, string consentId, string purpose, CancellationToken cancellationToken)
    {
        switch (nonces.Use(nonce))
        {
            case NonceState.Expired:
                return IdentityCheck.NotRecorded(IdentityCheckKind.BadNonce, IdentityReasons.NonceExpired);
            case NonceState.Unknown:
                return IdentityCheck.NotRecorded(IdentityCheckKind.BadNonce, IdentityReasons.NonceUsed);
        }

        try
        {
            var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = presentation, Nonce = nonce, ConsentId = consentId, Purpose = purpose }, cancellationToken);
            try
            {
                var claims = outcome.Passed ? DisclosedClaims(outcome.Presentation) : [];
                return new IdentityCheck(IdentityCheckKind.Recorded, outcome.Result, null, outcome.Presentation.Issuer, outcome.Presentation.Vct, outcome.Record, claims);
            }
            finally
            {
                outcome.Presentation.IssuerCertificate.Dispose();
            }
        }
        catch (PresentationRejectedException e)
        {
            return IdentityCheck.NotRecorded(IdentityCheckKind.Rejected, IdentityReasons.Of(e), e.Message);
        }
        catch (IdentityException e)
        {
            // The contract's message names codes, ids and claim names, never values: safe to show the verifier.
            return IdentityCheck.NotRecorded(IdentityCheckKind.Refused, IdentityReasons.Of(e), e.ContractMessage);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The peer, the orderer or the network failed; the verifier gets a message, the log gets the cause.
            LogLedgerFailure(logger, e);
            return IdentityCheck.NotRecorded(IdentityCheckKind.LedgerUnavailable, IdentityReasons.LedgerUnavailable);
        }
    }

    /// <summary>
    /// The claims the holder disclosed, by path, leaves only (a disclosed object shows as its disclosed members): the
    /// issuer's clear claims (<c>iss</c>, <c>cnf</c>, ...) are not the holder's disclosures and are not listed.
    /// </summary>
    internal static IReadOnlyList<DisclosedClaim> DisclosedClaims(VerifiedPresentation presentation)
    {
        var paths = presentation.DisclosedClaims.Distinct(StringComparer.Ordinal).ToList();
        var leaves = paths.Where(p => !paths.Any(other => other.StartsWith(p + "/", StringComparison.Ordinal)));
        var claims = new List<DisclosedClaim>();
        foreach (var path in leaves)
        {
            JsonNode? node = presentation.Claims;
            foreach (var segment in path.Split('/'))
            {
                node = node switch
                {
                    JsonObject o => o[segment],
                    JsonArray a when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
            }

            claims.Add(new DisclosedClaim(path, node is JsonValue v && v.TryGetValue<string>(out var text) ? text : node?.ToJsonString(ReadableJson) ?? "null"));
        }

        return claims;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Verifying a presentation on the ledger failed")]
    private static partial void LogLedgerFailure(ILogger logger, Exception exception);
}

/// <summary>How a verification ended.</summary>
internal enum IdentityCheckKind
{
    /// <summary>Recorded on the ledger; the ledger's verdict may still be a failure (suspended, revoked, ...).</summary>
    Recorded,

    /// <summary>The presentation failed the verifier's checks (signature, chain, nonce, registry, issuance record); nothing recorded.</summary>
    Rejected,

    /// <summary>The contract refused to record it (no consent, replayed nonce); nothing recorded.</summary>
    Refused,

    /// <summary>The form's nonce was expired, used or unknown; nothing was verified or recorded.</summary>
    BadNonce,

    /// <summary>The ledger could not be reached; nothing recorded.</summary>
    LedgerUnavailable,
}

/// <summary>A disclosed claim: its path (<c>address/locality</c>) and its value as text.</summary>
internal sealed record DisclosedClaim(string Path, string Value);

/// <summary>The end of one verification, as the page shows it.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Reason">The reason code (<see cref="IdentityReasons"/> or the ledger's <see cref="VerificationResults"/>).</param>
/// <param name="Detail">What failed, for people (never a claim value), or null.</param>
/// <param name="Issuer">The credential's issuer, when the presentation was verified.</param>
/// <param name="Vct">The credential type, when the presentation was verified.</param>
/// <param name="Record">The ledger's verification record, when recorded.</param>
/// <param name="Claims">The disclosed claims, only for a passed verification.</param>
internal sealed record IdentityCheck(IdentityCheckKind Kind, string Reason, string? Detail, string? Issuer, string? Vct, VerificationRecord? Record, IReadOnlyList<DisclosedClaim> Claims)
{
    public bool Passed => Kind == IdentityCheckKind.Recorded && Reason == VerificationResults.Passed;

    public static IdentityCheck NotRecorded(IdentityCheckKind kind, string reason, string? detail = null) => new(kind, reason, detail, null, null, null, []);
}
