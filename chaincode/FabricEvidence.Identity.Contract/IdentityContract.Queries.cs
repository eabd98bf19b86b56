using FabricEvidence.Identity.Contract.Internal;

namespace FabricEvidence.Identity.Contract;

// The evaluations: they read and never write. Records hold no personal data, so any channel member may read them,
// except a credential's verification log, which only its holder (proving the holder key) may list.
public sealed partial class IdentityContract
{
    /// <summary>The registry's organisations and version.</summary>
    /// <param name="context">The transaction context.</param>
    /// <returns>The configuration.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<RegistryConfig> GetRegistry(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IdentityStore(context.Stub).ConfigAsync(context.CancellationToken);
    }

    /// <summary>A change proposal.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="proposalId">The proposal.</param>
    /// <returns>The proposal.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<ChangeProposal> GetProposal(Context context, [Param("The proposal")] string proposalId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new IdentityStore(context.Stub);
        var id = Input.Id(proposalId, nameof(proposalId));
        return await store.FindAsync<ChangeProposal>(store.Key(IdentityStore.ProposalType, id), context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"No proposal {id} exists.");
    }

    /// <summary>A registered issuer.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="issuerId">The issuer's URI.</param>
    /// <returns>The issuer.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<IssuerRecord> GetIssuer(Context context, [Param("The issuer's URI")] string issuerId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IdentityStore(context.Stub).IssuerAsync(Input.Uri(issuerId, nameof(issuerId)), context.CancellationToken);
    }

    /// <summary>The current version of a credential type.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="vct">The type URI.</param>
    /// <returns>The type.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<CredentialType> GetCredentialType(Context context, [Param("The type URI")] string vct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IdentityStore(context.Stub).CurrentTypeAsync(Input.Uri(vct, nameof(vct)), context.CancellationToken);
    }

    /// <summary>A credential's issuance record.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <returns>The record.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<CredentialRecord> GetCredential(Context context, [Param("The credential")] string credentialId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IdentityStore(context.Stub).CredentialAsync(Input.Id(credentialId, nameof(credentialId)), context.CancellationToken);
    }

    /// <summary>The issuance record of the credential whose issuer-signed JWT has this hash (what a verifier computes from a presentation).</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="issuerSignedJwtHash">base64url SHA-256 of the issuer-signed JWT (43 characters).</param>
    /// <returns>The record.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<CredentialRecord> FindCredentialByHash(Context context, [Param("base64url SHA-256 of the issuer-signed JWT")] string issuerSignedJwtHash)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (issuerSignedJwtHash.Length != 43 || !issuerSignedJwtHash.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Errors.InvalidArgument("The issuerSignedJwtHash must be 43 base64url characters (a SHA-256 digest).");
        }

        var store = new IdentityStore(context.Stub);
        var id = await store.FindTextAsync(store.Key(IdentityStore.CredentialHashIndex, issuerSignedJwtHash), context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound("No credential with this issuer-signed JWT hash is recorded.");
        return await store.CredentialAsync(id, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>A status list as the ledger holds it, with its <c>lst</c>, for the issuer to sign as a status list token.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="statusListUri">The list's URI.</param>
    /// <returns>The list, its non-valid entries and its <c>lst</c>.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<StatusListSnapshot> GetStatusList(Context context, [Param("The list's URI")] string statusListUri)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new IdentityStore(context.Stub);
        var list = await store.StatusListAsync(Input.Uri(statusListUri, nameof(statusListUri)), context.CancellationToken).ConfigureAwait(false);
        var bits = new StatusList(list.Bits, list.Capacity);
        var entries = new List<StatusEntry>();
        await foreach (var kv in context.Stub.GetStateByPartialCompositeKey(IdentityStore.StatusEntryType, [list.Uri]).WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            var entry = ChaincodeJson.Deserialize<StatusEntry>(kv.Value);
            bits.Set(entry.Index, (TokenStatus)entry.Status);
            entries.Add(entry);
        }

        return new StatusListSnapshot(list, entries, bits.Encode());
    }

    /// <summary>A consent.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="consentId">The consent.</param>
    /// <returns>The consent record.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<ConsentRecord> GetConsent(Context context, [Param("The consent")] string consentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IdentityStore(context.Stub).ConsentAsync(Input.Id(consentId, nameof(consentId)), context.CancellationToken);
    }

    /// <summary>
    /// One page of a credential's verifications, oldest first: who verified which claims, why, under which consent, with
    /// what result. Role <c>holder</c>, with a fresh <see cref="HolderProof"/> (action
    /// <see cref="HolderProof.ListVerificationsAction"/>, no target) signed by the credential's holder key.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="holderProof">The holder proof (compact JWS).</param>
    /// <param name="holderJwk">The holder's public key as a JWK.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<VerificationPage> ListVerifications(Context context, [Param("The credential")] string credentialId, [Param("The holder proof JWS")] string holderProof, [Param("The holder's public JWK")] string holderJwk, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new IdentityStore(context.Stub);
        Caller.Of(context).RequireRole("ListVerifications", IdentityRoles.Holder);
        var id = Input.Id(credentialId, nameof(credentialId));
        var proof = Input.CompactJws(holderProof, nameof(holderProof), HolderProof.MaxLength);
        var size = Input.PageSize(pageSize, nameof(pageSize));
        var record = await IssuedCredentialAsync(store, id, context.CancellationToken).ConfigureAwait(false);
        CheckHolderProof(context.Stub, proof, HolderKeyOf(record, holderJwk), id, HolderProof.ListVerificationsAction, string.Empty);
        var (items, next) = await store.AppendedPageAsync<VerificationRecord>(IdentityStore.VerificationType, id, size, bookmark, context.CancellationToken).ConfigureAwait(false);
        return new VerificationPage(items, next);
    }
}
