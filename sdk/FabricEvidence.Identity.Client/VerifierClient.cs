using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client.Internal;
using static FabricEvidence.Identity.Client.Internal.IdentityContractCaller;

namespace FabricEvidence.Identity.Client;

/// <summary>
/// A verifier's client: verifies a holder's presentation and records the verification on the ledger. The client
/// checks the SD-JWT itself (issuer signature, the <c>x5c</c> chain to a CA of the issuer's organisation on the channel,
/// disclosures against their digests, the key binding for this verifier's organisation and nonce, validity), the
/// registry (issuer registered, active, for this type, with this certificate) and the ledger's issuance record (same
/// issuer-signed JWT, same holder key); the recording transaction then decides, from the ledger at its own time, the
/// consent (live, for this verifier, purpose and claims; else it refuses) and the result (status, validity, issuer).
/// The gateway's identity needs <c>role=verifier</c>. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var options = new VerifierClientOptions();
/// options.CertificateAuthorities["Org1MSP"] = [X509CertificateLoader.LoadCertificateFromFile("org1-ca.pem")];
/// var verifier = new VerifierClient(gateway, options);
/// var nonce = VerifierClient.CreateNonce();            // send it to the holder with your MSP id as audience
/// var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest
/// {
///     Presentation = presentation, Nonce = nonce, ConsentId = "consent-1", Purpose = "age-check",
/// }, ct);
/// if (outcome.Passed) { var over18 = outcome.Presentation.Claims["age_over_18"]; }
/// </code>
/// </example>
public sealed class VerifierClient
{
    private readonly IdentityContractCaller _contract;
    private readonly SdJwtVerifier _verifier;
    private readonly Dictionary<string, HashSet<string>> _authorities;

    /// <summary>A client of the identity contract as the gateway's identity (a verifier of its organisation).</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="options">The organisations' CAs (required), chaincode, channel, clock.</param>
    /// <exception cref="ArgumentException">An option is invalid (no CA at all, for example).</exception>
    public VerifierClient(IGateway gateway, VerifierClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contract = new IdentityContractCaller(gateway, options.ChannelName, options.ChaincodeName, nameof(VerifierClientOptions));
        _authorities = options.CertificateAuthorities.ToDictionary(
            kv => kv.Key,
            kv => (kv.Value ?? throw new ArgumentException($"VerifierClientOptions.CertificateAuthorities[{kv.Key}] is null.", nameof(options)))
                .Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        if (_authorities.Values.Sum(a => a.Count) == 0)
        {
            throw new ArgumentException("VerifierClientOptions.CertificateAuthorities must hold the CA certificate of at least one organisation.", nameof(options));
        }

        var anchors = new X509Certificate2Collection();
        foreach (var certificate in options.CertificateAuthorities.Values.SelectMany(c => c))
        {
            anchors.Add(certificate);
        }

        _verifier = new SdJwtVerifier(new SdJwtVerifierOptions
        {
            TrustAnchors = anchors,
            TimeProvider = options.TimeProvider,
            ClockSkew = options.ClockSkew,
            KeyBindingMaxAge = options.KeyBindingMaxAge,
        });
    }

    /// <summary>The verifier's organisation: the audience holders bind their presentations to.</summary>
    public string Audience => _contract.MspId;

    /// <summary>A new random nonce (128 bits, 32 lowercase hex digits) to send to the holder; each may be recorded once.</summary>
    /// <returns>The nonce.</returns>
    /// <remarks>Hex rather than base64url: nonces are read aloud, typed and passed on command lines, where one beginning with '-' reads as an option.</remarks>
    public static string CreateNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Verifies a presentation and records the verification (also when the ledger's verdict is a failure).</summary>
    /// <param name="request">The presentation, the nonce, the consent and the purpose.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The recorded verification (its <see cref="VerificationOutcome.Result"/> is the ledger's verdict) and the disclosed claims.</returns>
    /// <exception cref="PresentationRejectedException">The presentation failed the client's checks; nothing was recorded.</exception>
    /// <exception cref="IdentityException">The contract refused (no live consent: <see cref="IdentityForbiddenException"/>; a nonce used before: <see cref="IdentityConflictException"/>); nothing was recorded.</exception>
    public async Task<VerificationOutcome> VerifyAsync(VerifyPresentationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Presentation, "request.Presentation");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Nonce, "request.Nonce");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ConsentId, "request.ConsentId");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Purpose, "request.Purpose");

        VerifiedPresentation presentation;
        try
        {
            presentation = _verifier.VerifyPresentation(request.Presentation, new KeyBindingExpectation(Audience, request.Nonce));
        }
        catch (SdJwtVerificationException ex)
        {
            throw new PresentationRejectedException(PresentationRejectionReason.Credential, $"The presentation failed its SD-JWT checks ({ex.Code}): {ex.Message}", ex.Code, ex);
        }

        await CheckIssuerAsync(presentation, cancellationToken).ConfigureAwait(false);
        var credential = await CheckRecordAsync(presentation, cancellationToken).ConfigureAwait(false);
        var options = Arguments(credential.Id, request.ConsentId, request.Purpose, request.Nonce)
            .AddTransientData("presentation", Encoding.UTF8.GetBytes(request.Presentation));
        var record = await _contract.SubmitAsync<VerificationRecord>("RecordVerification", credential.Id, options, cancellationToken).ConfigureAwait(false);
        return new VerificationOutcome(record, presentation, credential);
    }

    /// <summary>A consent as recorded, to check before asking a holder for a presentation.</summary>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ConsentRecord> GetConsentAsync(string consentId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<ConsentRecord>("GetConsent", consentId, Arguments(consentId), cancellationToken);

    /// <summary>A credential's record (status, validity).</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialRecord> GetCredentialAsync(string credentialId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<CredentialRecord>("GetCredential", credentialId, Arguments(credentialId), cancellationToken);

    private async Task CheckIssuerAsync(VerifiedPresentation presentation, CancellationToken cancellationToken)
    {
        var issuerId = presentation.Issuer
            ?? throw new PresentationRejectedException(PresentationRejectionReason.IssuerNotRegistered, "The credential names no issuer (iss).");
        IssuerRecord issuer;
        try
        {
            issuer = await _contract.EvaluateAsync<IssuerRecord>("GetIssuer", issuerId, Arguments(issuerId), cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException ex)
        {
            throw new PresentationRejectedException(PresentationRejectionReason.IssuerNotRegistered, $"The issuer {issuerId} is not in the registry.", innerException: ex);
        }

        var fingerprint = RegistryClient.Fingerprint(presentation.IssuerCertificate);
        string? problem = null;
        if (!issuer.Active)
        {
            problem = "was removed from the registry";
        }
        else if (!issuer.Spec.CredentialTypes.Contains(presentation.Vct, StringComparer.Ordinal))
        {
            problem = $"is not registered for the type {presentation.Vct}";
        }
        else if (!string.Equals(issuer.Spec.CertificateFingerprint, fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            problem = "signed with a certificate the registry does not name for it";
        }
        else if (presentation.TrustAnchor is not { } anchor
                 || !_authorities.TryGetValue(issuer.Spec.MspId, out var authorities)
                 || !authorities.Contains(anchor.Thumbprint))
        {
            problem = $"has a certificate that does not chain to a CA of its organisation {issuer.Spec.MspId}";
        }

        if (problem is not null)
        {
            throw new PresentationRejectedException(PresentationRejectionReason.IssuerNotRegistered, $"The issuer {issuerId} {problem}.");
        }
    }

    private async Task<CredentialRecord> CheckRecordAsync(VerifiedPresentation presentation, CancellationToken cancellationToken)
    {
        CredentialRecord credential;
        try
        {
            credential = await _contract.EvaluateAsync<CredentialRecord>("FindCredentialByHash", null, Arguments(presentation.IssuerSignedJwtHash), cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityNotFoundException ex)
        {
            throw new PresentationRejectedException(PresentationRejectionReason.CredentialNotRecorded, "The ledger records no issuance of this credential.", innerException: ex);
        }

        if (credential.Issuance is not { } issuance
            || !string.Equals(issuance.HolderKeyThumbprint, presentation.HolderKey?.Thumbprint, StringComparison.Ordinal)
            || !string.Equals(credential.IssuerId, presentation.Issuer, StringComparison.Ordinal))
        {
            throw new PresentationRejectedException(PresentationRejectionReason.CredentialNotRecorded, $"The ledger's record of credential {credential.Id} names another issuer or holder key.");
        }

        return credential;
    }
}
