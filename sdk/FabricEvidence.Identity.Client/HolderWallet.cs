using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client.Internal;
using static FabricEvidence.Identity.Client.Internal.IdentityContractCaller;

namespace FabricEvidence.Identity.Client;

/// <summary>
/// A holder's wallet: credentials with their holder keys, encrypted at rest (<see cref="EncryptedWallet"/>), selective
/// presentations signed with the holder key, consents given to verifiers and withdrawn, and the list of who verified
/// what. The gateway's identity is the wallet application's Fabric identity (<c>role=holder</c>); what proves the holder
/// to the contract is the holder key's signature on each consent and proof. Claim values never leave the wallet except
/// in presentations, which go to the verifier, not to the ledger. Not thread-safe for adding and removing entries.
/// </summary>
/// <example>
/// <code>
/// var wallet = await HolderWallet.OpenAsync(gateway, "wallet.json", passphrase, cancellationToken: ct);
/// var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "residence");
/// await wallet.GrantConsentAsync(new GrantConsentRequest
/// {
///     EntryId = entry.Id, Verifier = "Org2MSP", Purpose = "age-check", Claims = ["age_over_18", "address/locality"],
///     Expires = DateTimeOffset.UtcNow.AddDays(30), ConsentId = "consent-1",
/// }, ct);
/// var presentation = wallet.Present(entry.Id, ["age_over_18", "address/locality"], "Org2MSP", nonceFromVerifier);
/// await wallet.SaveAsync("wallet.json", passphrase, ct);
/// </code>
/// </example>
public sealed class HolderWallet
{
    private readonly IdentityContractCaller _contract;
    private readonly HolderWalletOptions _options;
    private readonly SdJwtPresenter _presenter;
    private readonly ConcurrentDictionary<string, string> _credentialIds = new(StringComparer.Ordinal);

    /// <summary>A wallet over <paramref name="wallet"/>'s entries, talking to the contract through <paramref name="gateway"/>.</summary>
    /// <param name="gateway">The gateway, as the wallet application's identity (<c>role=holder</c>).</param>
    /// <param name="wallet">The entries; a new empty wallet by default.</param>
    /// <param name="options">Chaincode, channel, clock, paging, file protection.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public HolderWallet(IGateway gateway, EncryptedWallet? wallet = null, HolderWalletOptions? options = null)
    {
        _options = options ?? new HolderWalletOptions();
        if (_options.PageSize is < 1 or > 100)
        {
            throw new ArgumentException($"HolderWalletOptions.PageSize must be 1 to 100; got {_options.PageSize}.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.Protection, nameof(options));
        _contract = new IdentityContractCaller(gateway, _options.ChannelName, _options.ChaincodeName, nameof(HolderWalletOptions));
        Store = wallet ?? new EncryptedWallet();
        _presenter = new SdJwtPresenter(_options.TimeProvider);
    }

    /// <summary>The encrypted store of the entries.</summary>
    public EncryptedWallet Store { get; }

    /// <summary>The entries, in the order they were added.</summary>
    public IReadOnlyList<WalletEntry> Entries => Store.Entries;

    /// <summary>Opens a wallet file sealed with <paramref name="passphrase"/>, or starts an empty wallet when the file does not exist.</summary>
    /// <param name="gateway">The gateway, as the wallet application's identity.</param>
    /// <param name="path">The wallet file.</param>
    /// <param name="passphrase">The holder's passphrase.</param>
    /// <param name="options">Chaincode, channel, clock, paging, file protection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The wallet.</returns>
    /// <exception cref="WalletException">The file is not a wallet, or the passphrase is wrong, or it was altered.</exception>
    public static async Task<HolderWallet> OpenAsync(IGateway gateway, string path, string passphrase, HolderWalletOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var store = File.Exists(path) ? await EncryptedWallet.OpenAsync(path, passphrase, cancellationToken).ConfigureAwait(false) : new EncryptedWallet();
        return new HolderWallet(gateway, store, options);
    }

    /// <summary>Encrypts the wallet into <paramref name="path"/> (replacing it atomically).</summary>
    /// <param name="path">The wallet file.</param>
    /// <param name="passphrase">The holder's passphrase.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public Task SaveAsync(string path, string passphrase, CancellationToken cancellationToken = default) =>
        Store.SaveAsync(path, passphrase, _options.Protection, cancellationToken);

    /// <summary>Keeps a credential with the holder key it is bound to.</summary>
    /// <param name="credential">The SD-JWT VC as issued.</param>
    /// <param name="holderKey">Its holder key (copied into the wallet).</param>
    /// <param name="label">A label for people; optional.</param>
    /// <returns>The entry.</returns>
    public WalletEntry Add(string credential, HolderKey holderKey, string? label = null) =>
        Store.Add(credential, holderKey, label, _options.TimeProvider);

    /// <summary>The ledger's id of an entry's credential, found by the hash of its issuer-signed JWT.</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential id.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="IdentityException">The contract refused (<see cref="IdentityNotFoundException"/> when the issuance was never recorded).</exception>
    public async Task<string> GetCredentialIdAsync(string entryId, CancellationToken cancellationToken = default) =>
        (await GetCredentialAsync(entryId, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>The ledger's record of an entry's credential (status, validity, digests).</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public async Task<CredentialRecord> GetCredentialAsync(string entryId, CancellationToken cancellationToken = default)
    {
        var entry = Entry(entryId);
        var hash = SdJwtInspector.InspectCredential(entry.Credential).IssuerSignedJwtHash;
        var record = await _contract.EvaluateAsync<CredentialRecord>("FindCredentialByHash", entryId, Arguments(hash), cancellationToken).ConfigureAwait(false);
        _credentialIds[entryId] = record.Id;
        return record;
    }

    /// <summary>A presentation of an entry's credential that discloses only <paramref name="claims"/>, bound to the verifier's nonce and audience.</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="claims">The claim paths to disclose (their parents' disclosures come along).</param>
    /// <param name="audience">The verifier's organisation (MSP id); the contract checks it against the recording verifier.</param>
    /// <param name="nonce">The verifier's nonce.</param>
    /// <returns>The presentation to send to the verifier.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="SdJwtVerificationException">A claim is not in the credential.</exception>
    public Presentation Present(string entryId, IReadOnlyCollection<string> claims, string audience, string nonce)
    {
        var entry = Entry(entryId);
        using var key = entry.OpenHolderKey();
        return _presenter.Present(entry.Credential, key, new PresentationRequest { Claims = claims, Audience = audience, Nonce = nonce });
    }

    /// <summary>Signs a consent with the entry's holder key and records it on the ledger.</summary>
    /// <param name="request">The consent.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The recorded consent.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public async Task<ConsentRecord> GrantConsentAsync(GrantConsentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = Entry(request.EntryId);
        var credentialId = await CredentialIdAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        using var key = entry.OpenHolderKey();
        var token = ConsentToken.Sign(key, new ConsentRequest
        {
            ConsentId = request.ConsentId,
            CredentialId = credentialId,
            Verifier = request.Verifier,
            Purpose = request.Purpose,
            Claims = request.Claims,
            Expires = request.Expires,
        }, _options.TimeProvider);
        return await _contract.SubmitAsync<ConsentRecord>("RecordConsent", credentialId, Arguments(credentialId, token, key.PublicKey.ToJwkJson()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws a consent: from the next transaction on, the verifier's recordings under it are refused.</summary>
    /// <param name="entryId">The entry whose credential the consent is for.</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The consent, with its withdrawal.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public async Task<ConsentRecord> WithdrawConsentAsync(string entryId, string consentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consentId);
        var entry = Entry(entryId);
        var credentialId = await CredentialIdAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        using var key = entry.OpenHolderKey();
        var proof = HolderProof.Sign(key, new HolderProofRequest { CredentialId = credentialId, Action = HolderProof.RevokeConsentAction, Target = consentId }, _options.TimeProvider);
        return await _contract.SubmitAsync<ConsentRecord>("RevokeConsent", consentId, Arguments(consentId, proof, key.PublicKey.ToJwkJson()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A consent as recorded.</summary>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ConsentRecord> GetConsentAsync(string consentId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<ConsentRecord>("GetConsent", consentId, Arguments(consentId), cancellationToken);

    /// <summary>Who verified what about the entry's credential: every recorded verification, oldest first (claim names, never values).</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The verifications.</returns>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public async IAsyncEnumerable<VerificationRecord> ListVerificationsAsync(string entryId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var entry = Entry(entryId);
        var credentialId = await CredentialIdAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        var bookmark = string.Empty;
        do
        {
            string proof;
            string jwk;
            using (var key = entry.OpenHolderKey())
            {
                // A fresh proof per page: the contract accepts proofs only within minutes of its transaction time.
                proof = HolderProof.Sign(key, new HolderProofRequest { CredentialId = credentialId, Action = HolderProof.ListVerificationsAction }, _options.TimeProvider);
                jwk = key.PublicKey.ToJwkJson();
            }

            var page = await _contract.EvaluateAsync<VerificationPage>("ListVerifications", credentialId,
                Arguments(credentialId, proof, jwk, Number(_options.PageSize), bookmark), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);
    }

    private WalletEntry Entry(string entryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        return Store.Entries.FirstOrDefault(e => string.Equals(e.Id, entryId, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"The wallet has no entry {entryId}.");
    }

    private async Task<string> CredentialIdAsync(string entryId, CancellationToken cancellationToken) =>
        _credentialIds.TryGetValue(entryId, out var id) ? id : await GetCredentialIdAsync(entryId, cancellationToken).ConfigureAwait(false);
}
