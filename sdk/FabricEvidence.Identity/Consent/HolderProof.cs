using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// Short-lived proofs that the caller controls a credential's holder key, for actions that only the holder may take
/// (revoking a consent, listing who verified the credential): a compact JWS (ES256, <c>typ:
/// fabric-evidence-holder-proof+jwt</c>) over <c>credential_id</c>, <c>action</c>, <c>target</c> and <c>iat</c>.
/// <see cref="Verify"/> reads no clock, so a chaincode gets the same answer on every peer.
/// </summary>
public static class HolderProof
{
    /// <summary>The <c>typ</c> header of holder proofs.</summary>
    public const string TokenType = "fabric-evidence-holder-proof+jwt";

    /// <summary>The action that revokes a consent; the target is the consent id.</summary>
    public const string RevokeConsentAction = "revoke-consent";

    /// <summary>The action that lists the verifications of a credential; no target.</summary>
    public const string ListVerificationsAction = "list-verifications";

    /// <summary>The longest proof accepted, in characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>Signs a proof.</summary>
    /// <param name="holderKey">The holder key the credential is bound to.</param>
    /// <param name="request">The credential, action, target and time.</param>
    /// <param name="timeProvider">The clock for <c>iat</c> when the request gives none; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <returns>The compact JWS.</returns>
    public static string Sign(HolderKey holderKey, HolderProofRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CredentialId, "request.CredentialId");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Action, "request.Action");
        ArgumentNullException.ThrowIfNull(request.Target, "request.Target");
        var payload = new JsonObject
        {
            ["credential_id"] = request.CredentialId,
            ["action"] = request.Action,
            ["target"] = request.Target,
            [SdJwtNames.IssuedAt] = NumericDate.From(request.IssuedAt ?? (timeProvider ?? TimeProvider.System).GetUtcNow()),
        };
        return holderKey.SignJws(TokenType, StrictJson.Serialize(payload));
    }

    /// <summary>Verifies a proof's signature with the holder's public key and reads it. Does not look at any clock.</summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="holderKey">The holder key the credential is bound to.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="SdJwtVerificationException">
    /// <see cref="SdJwtErrorCode.TooLarge"/>, <see cref="SdJwtErrorCode.Malformed"/>, <see cref="SdJwtErrorCode.UnsupportedAlgorithm"/>,
    /// <see cref="SdJwtErrorCode.UnsupportedType"/>, <see cref="SdJwtErrorCode.InvalidSignature"/> or <see cref="SdJwtErrorCode.MissingClaim"/>.
    /// </exception>
    public static VerifiedHolderProof Verify(string token, HolderPublicKey holderKey)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(holderKey);
        if (token.Length > MaxLength)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"The holder proof is {token.Length} characters long; the limit is {MaxLength}.");
        }

        var jws = SdJwtChecks.ParseSigned(token, "holder proof");
        if (!string.Equals(jws.Type, TokenType, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType, $"The holder proof's typ is '{jws.Type}'; it must be '{TokenType}'.");
        }

        SdJwtChecks.CheckSignature(jws, holderKey.Key, SdJwtErrorCode.InvalidSignature, "holder proof (with the credential's holder key)");
        var payload = jws.Payload;
        var issuedAt = NumericDate.Read(payload, SdJwtNames.IssuedAt, SdJwtErrorCode.Malformed, "holder proof")
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The holder proof has no 'iat'.");
        var target = payload["target"] is JsonValue t && t.TryGetValue(out string? targetText)
            ? targetText
            : throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The holder proof has no 'target' string.");
        return new VerifiedHolderProof(
            SdJwtChecks.StringClaim(payload, "credential_id") ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The holder proof has no 'credential_id'."),
            SdJwtChecks.StringClaim(payload, "action") ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The holder proof has no 'action'."),
            target,
            issuedAt,
            holderKey.Thumbprint);
    }
}
