using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Identity.Contract.Internal;

namespace FabricEvidence.Identity.Contract;

// Holder consents and the verification log: the holder signs with the credential's holder key, the verifier records
// each verification with the presentation in transient data, and the holder lists who verified what.
public sealed partial class IdentityContract
{
    /// <summary>
    /// Records a holder's consent. Role <c>holder</c>. The consent (see <see cref="ConsentToken"/>) must be signed by the
    /// credential's holder key (whose thumbprint the issuance recorded), name a registry organisation as verifier,
    /// only claims of the credential's type, and expire after the transaction and within 366 days.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="consentToken">The holder-signed consent (compact JWS).</param>
    /// <param name="holderJwk">The holder's public key as a JWK (its thumbprint must be the credential's).</param>
    /// <returns>The consent record.</returns>
    [Transaction]
    public static async Task<ConsentRecord> RecordConsent(Context context, [Param("The credential")] string credentialId, [Param("The holder-signed consent JWS")] string consentToken, [Param("The holder's public JWK")] string holderJwk)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireRole("RecordConsent", IdentityRoles.Holder);
        var id = Input.Id(credentialId, nameof(credentialId));
        var token = Input.CompactJws(consentToken, nameof(consentToken), ConsentToken.MaxLength);
        var record = await IssuedCredentialAsync(store, id, context.CancellationToken).ConfigureAwait(false);
        var key = HolderKeyOf(record, holderJwk);
        HolderConsent consent;
        try
        {
            consent = ConsentToken.Verify(token, key);
        }
        catch (SdJwtVerificationException ex)
        {
            throw ex.Code == SdJwtErrorCode.InvalidSignature
                ? Errors.Forbidden($"The consent is not signed by the holder key of credential {id}.")
                : Errors.InvalidArgument($"The consent is refused ({ex.Code}): {ex.Message}");
        }

        Input.Id(consent.ConsentId, "consent's jti");
        Input.Id(consent.Verifier, "consent's aud (the verifier's MSP id)");
        Input.Code(consent.Purpose, "consent's purpose");
        if (!string.Equals(consent.CredentialId, id, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The consent is for credential {Input.Show(consent.CredentialId)}, not {id}.");
        }

        if (record.Status == CredentialStatus.Revoked)
        {
            throw Errors.WrongState($"Credential {id} is revoked; a consent for it would allow nothing.");
        }

        if (!config.Organisations.Contains(consent.Verifier, StringComparer.Ordinal))
        {
            throw Errors.InvalidArgument($"The consent's verifier {consent.Verifier} is not one of the registry's organisations.");
        }

        var type = await store.TypeVersionAsync(record.Vct, record.TypeVersion, context.CancellationToken).ConfigureAwait(false);
        foreach (var claim in consent.Claims)
        {
            Input.ClaimPath(claim, "consent's claim");
            if (!type.Claims.Any(c => Claims.Covers(c, Claims.Normalize(claim))))
            {
                throw Errors.InvalidArgument($"The consent names the claim {Input.Show(claim)}, which type {Input.Show(type.Vct)} does not have.");
            }
        }

        var expires = FabricTimestamp.FromDateTimeOffset(consent.Expires);
        if (expires <= stub.TxTimestamp || expires > stub.TxTimestamp.Add(IdentityLimits.MaxConsentLifetime))
        {
            throw Errors.InvalidArgument($"The consent expires at {expires}; it must expire after the transaction's time {stub.TxTimestamp} and within {IdentityLimits.MaxConsentLifetime.TotalDays} days.");
        }

        var issuedAt = FabricTimestamp.FromDateTimeOffset(consent.IssuedAt);
        if (issuedAt > stub.TxTimestamp.Add(IdentityLimits.MaxSignatureAge))
        {
            throw Errors.InvalidArgument($"The consent claims to be signed at {issuedAt}, after the transaction's time {stub.TxTimestamp}.");
        }

        var consentKey = store.Key(IdentityStore.ConsentType, consent.ConsentId);
        if (await store.FindAsync<ConsentRecord>(consentKey, context.CancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw Errors.Conflict($"Consent {consent.ConsentId} was already recorded in transaction {existing.Recorded.TxId}.");
        }

        var act = caller.Act(stub);
        var result = new ConsentRecord(consent.ConsentId, id, consent.Verifier, consent.Purpose, consent.Claims, issuedAt, expires, consent.TokenHash, act);
        await store.PutAsync(consentKey, result, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, new IdentityEvent(IdentityEventTypes.ConsentRecorded, act)
        {
            ConsentId = result.Id, CredentialId = id, Verifier = result.Verifier, Purpose = result.Purpose, Claims = result.Claims,
        });
        return result;
    }

    /// <summary>
    /// Revokes a consent. Role <c>holder</c>, with a fresh <see cref="HolderProof"/> (action
    /// <see cref="HolderProof.RevokeConsentAction"/>, target the consent id) signed by the credential's holder key.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="holderProof">The holder proof (compact JWS), signed within 5 minutes of the transaction.</param>
    /// <param name="holderJwk">The holder's public key as a JWK.</param>
    /// <returns>The consent record with <see cref="ConsentRecord.Revoked"/>.</returns>
    [Transaction]
    public static async Task<ConsentRecord> RevokeConsent(Context context, [Param("The consent")] string consentId, [Param("The holder proof JWS")] string holderProof, [Param("The holder's public JWK")] string holderJwk)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var caller = Caller.Of(context).RequireRole("RevokeConsent", IdentityRoles.Holder);
        var id = Input.Id(consentId, nameof(consentId));
        var proof = Input.CompactJws(holderProof, nameof(holderProof), HolderProof.MaxLength);
        var consent = await store.ConsentAsync(id, context.CancellationToken).ConfigureAwait(false);
        var record = await IssuedCredentialAsync(store, consent.CredentialId, context.CancellationToken).ConfigureAwait(false);
        CheckHolderProof(stub, proof, HolderKeyOf(record, holderJwk), record.Id, HolderProof.RevokeConsentAction, id);
        if (consent.Revoked is { } revoked)
        {
            throw Errors.Conflict($"Consent {id} was already revoked in transaction {revoked.TxId}.");
        }

        var act = caller.Act(stub);
        var result = consent with { Revoked = act };
        await store.PutAsync(store.Key(IdentityStore.ConsentType, id), result, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, new IdentityEvent(IdentityEventTypes.ConsentRevoked, act) { ConsentId = id, CredentialId = consent.CredentialId, Verifier = consent.Verifier });
        return result;
    }

    /// <summary>
    /// Records a verification. Role <c>verifier</c> of a registry organisation. Transient data <c>presentation</c>: the
    /// presentation the holder gave, with its key binding for the caller's organisation (<c>aud</c> = its MSP id) and
    /// <paramref name="nonce"/>, signed within 5 minutes of the transaction. The contract checks that it presents the
    /// recorded credential (issuer-signed JWT hash, holder key), that a live consent of the holder allows the caller's
    /// organisation these claims for this purpose, and that it was not recorded before; it then decides the result from
    /// the ledger (status, validity, issuer) and records names, never values.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential presented.</param>
    /// <param name="consentId">The holder's consent.</param>
    /// <param name="purpose">The purpose code (the consent's).</param>
    /// <param name="nonce">The nonce the verifier gave the holder.</param>
    /// <returns>The verification record; its <see cref="VerificationRecord.Result"/> may be a failure such as <c>suspended</c>.</returns>
    [Transaction]
    public static async Task<VerificationRecord> RecordVerification(Context context, [Param("The credential")] string credentialId, [Param("The consent")] string consentId, [Param("The purpose code")] string purpose, [Param("The verifier's nonce")] string nonce)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireRole("RecordVerification", IdentityRoles.Verifier).RequireMember(config, "RecordVerification");
        var id = Input.Id(credentialId, nameof(credentialId));
        var consentKey = Input.Id(consentId, nameof(consentId));
        var why = Input.Code(purpose, nameof(purpose));
        var expectedNonce = Input.Nonce(nonce, nameof(nonce));
        var text = ReadTransient(stub, IdentityTransientKeys.Presentation);
        var record = await IssuedCredentialAsync(store, id, context.CancellationToken).ConfigureAwait(false);
        var consent = await store.ConsentAsync(consentKey, context.CancellationToken).ConfigureAwait(false);
        RequireLiveConsent(stub, consent, record, caller, why);

        VerifiedPresentation presentation;
        try
        {
            presentation = SdJwtInspector.InspectPresentation(text, new KeyBindingExpectation(caller.MspId, expectedNonce));
        }
        catch (SdJwtVerificationException ex)
        {
            throw Errors.InvalidArgument($"The transient presentation is refused ({ex.Code}): {ex.Message}");
        }

        presentation.IssuerCertificate.Dispose();
        var issuance = record.Issuance!;
        if (!string.Equals(presentation.IssuerSignedJwtHash, issuance.IssuerSignedJwtHash, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The presentation is not of credential {id}: its issuer-signed JWT is not the recorded one.");
        }

        if (!string.Equals(presentation.HolderKey!.Thumbprint, issuance.HolderKeyThumbprint, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The presentation's holder key is not the one recorded for credential {id}.");
        }

        var signedAt = FabricTimestamp.FromDateTimeOffset(presentation.KeyBinding!.IssuedAt);
        if (signedAt > stub.TxTimestamp.Add(IdentityLimits.MaxSignatureAge) || signedAt.Add(IdentityLimits.MaxSignatureAge) < stub.TxTimestamp)
        {
            throw Errors.InvalidArgument($"The presentation's key binding was signed at {signedAt}; only presentations signed within {IdentityLimits.MaxSignatureAge.TotalMinutes} minutes of the transaction's time {stub.TxTimestamp} are recorded.");
        }

        var claims = presentation.DisclosedClaims.Select(Claims.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var claim in claims.Where(c => !consent.Claims.Any(allowed => Claims.Covers(Claims.Normalize(allowed), c) || Claims.Covers(c, Claims.Normalize(allowed)))))
        {
            throw Errors.Forbidden($"Consent {consent.Id} does not allow {caller.MspId} to see the claim {Input.Show(claim)} (it allows {string.Join(", ", consent.Claims)}).");
        }

        // The key binding signs the nonce, so one recorded (verifier, nonce) pair is one presentation: a replay of it, or a
        // verifier reusing a nonce, is refused.
        var replayKey = store.Key(IdentityStore.NonceIndex, caller.MspId, expectedNonce);
        if (await store.FindTextAsync(replayKey, context.CancellationToken).ConfigureAwait(false) is { } earlier)
        {
            throw Errors.Conflict($"{caller.MspId} already recorded a verification with this nonce (verification {earlier}); each presentation is recorded once, and each needs a fresh nonce.");
        }

        var issuer = await store.IssuerAsync(record.IssuerId, context.CancellationToken).ConfigureAwait(false);
        var result = record.Status switch
        {
            CredentialStatus.Revoked => VerificationResults.Revoked,
            CredentialStatus.Suspended => VerificationResults.Suspended,
            _ when stub.TxTimestamp >= issuance.ValidUntil => VerificationResults.Expired,
            _ when stub.TxTimestamp < issuance.ValidFrom => VerificationResults.NotYetValid,
            _ when !issuer.Active => VerificationResults.IssuerRemoved,
            _ => VerificationResults.Passed,
        };
        var act = caller.Act(stub);
        var presentationHash = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
        var verification = new VerificationRecord(stub.TxId, id, claims, why, consent.Id, result, presentationHash, act);
        await store.PutTextAsync(replayKey, stub.TxId, context.CancellationToken).ConfigureAwait(false);
        await store.AppendAsync(IdentityStore.VerificationType, id, verification, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, new IdentityEvent(IdentityEventTypes.VerificationRecorded, act)
        {
            CredentialId = id, ConsentId = consent.Id, Verifier = caller.MspId, Purpose = why, Claims = claims, Result = result,
        });
        return verification;
    }

    private static void RequireLiveConsent(IChaincodeStub stub, ConsentRecord consent, CredentialRecord record, Caller caller, string purpose)
    {
        if (!string.Equals(consent.CredentialId, record.Id, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Consent {consent.Id} is for another credential.");
        }

        if (!string.Equals(consent.Verifier, caller.MspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Consent {consent.Id} is for the verifier {consent.Verifier}, not for {caller.MspId}.");
        }

        if (consent.Revoked is { } revoked)
        {
            throw Errors.Forbidden($"Consent {consent.Id} was revoked by the holder in transaction {revoked.TxId}.");
        }

        if (consent.Expires <= stub.TxTimestamp)
        {
            throw Errors.Forbidden($"Consent {consent.Id} expired at {consent.Expires}.");
        }

        if (!string.Equals(consent.Purpose, purpose, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Consent {consent.Id} is for the purpose {consent.Purpose}, not {purpose}.");
        }
    }

    private static async Task<CredentialRecord> IssuedCredentialAsync(IdentityStore store, string id, CancellationToken cancellationToken)
    {
        var record = await store.CredentialAsync(id, cancellationToken).ConfigureAwait(false);
        return record.Issuance is null
            ? throw Errors.WrongState($"Credential {id} is only reserved; its issuance is not recorded.")
            : record;
    }

    private static HolderPublicKey HolderKeyOf(CredentialRecord record, string holderJwk)
    {
        if (holderJwk.Length > IdentityLimits.MaxJwkLength)
        {
            throw Errors.InvalidArgument($"The holderJwk is {holderJwk.Length} characters long; at most {IdentityLimits.MaxJwkLength} are allowed.");
        }

        HolderPublicKey key;
        try
        {
            key = HolderPublicKey.FromJwkJson(holderJwk);
        }
        catch (ArgumentException ex)
        {
            throw Errors.InvalidArgument($"The holderJwk is not a P-256 public JWK: {ex.Message}");
        }

        return string.Equals(key.Thumbprint, record.Issuance!.HolderKeyThumbprint, StringComparison.Ordinal)
            ? key
            : throw Errors.Forbidden($"The holder key is not the one credential {record.Id} is bound to.");
    }

    private static void CheckHolderProof(IChaincodeStub stub, string token, HolderPublicKey key, string credentialId, string action, string target)
    {
        VerifiedHolderProof proof;
        try
        {
            proof = HolderProof.Verify(token, key);
        }
        catch (SdJwtVerificationException ex)
        {
            throw ex.Code == SdJwtErrorCode.InvalidSignature
                ? Errors.Forbidden($"The holder proof is not signed by the holder key of credential {credentialId}.")
                : Errors.InvalidArgument($"The holder proof is refused ({ex.Code}): {ex.Message}");
        }

        if (!string.Equals(proof.CredentialId, credentialId, StringComparison.Ordinal) || !string.Equals(proof.Action, action, StringComparison.Ordinal)
            || !string.Equals(proof.Target, target, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"The holder proof is for {Input.Show(proof.Action)} on {Input.Show(proof.Target)} of credential {Input.Show(proof.CredentialId)}, not for {action} on {Input.Show(target)} of {credentialId}.");
        }

        var signedAt = FabricTimestamp.FromDateTimeOffset(proof.IssuedAt);
        if (signedAt > stub.TxTimestamp.Add(IdentityLimits.MaxSignatureAge) || signedAt.Add(IdentityLimits.MaxSignatureAge) < stub.TxTimestamp)
        {
            throw Errors.Forbidden($"The holder proof was signed at {signedAt}; only proofs signed within {IdentityLimits.MaxSignatureAge.TotalMinutes} minutes of the transaction's time {stub.TxTimestamp} are accepted.");
        }
    }
}
