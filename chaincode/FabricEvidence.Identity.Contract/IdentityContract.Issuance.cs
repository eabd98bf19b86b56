using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Identity.Contract.Internal;

namespace FabricEvidence.Identity.Contract;

// Issuance and status: the registered issuer reserves a status entry, signs the SD-JWT VC off the ledger, records the
// issuance with the credential in transient data, and changes the status later.
public sealed partial class IdentityContract
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reserves the status list entry for a new credential, before the issuer signs it (the entry goes into its
    /// <c>status.status_list</c>). Role <c>issuer</c>, with the certificate registered for an active issuer of the type,
    /// inside the issuer's period. The index is a pseudorandom position in a list of 131,072 entries shared by the
    /// issuer's credentials of the type, so neither list nor position singles out a person or an issuance time.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">A new, random credential id (never derived from the person).</param>
    /// <param name="vct">The credential's type.</param>
    /// <returns>The record, <see cref="CredentialStatus.Reserved"/>, with its status list URI and index.</returns>
    [Transaction]
    public static async Task<CredentialRecord> ReserveStatus(Context context, [Param("A new random credential id")] string credentialId, [Param("The credential type URI")] string vct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var caller = Caller.Of(context).RequireRole("ReserveStatus", IdentityRoles.Issuer);
        var id = Input.Id(credentialId, nameof(credentialId));
        var type = Input.Uri(vct, nameof(vct));
        var issuer = await ActingIssuerAsync(store, caller, "reserve status entries", requireActivePeriod: true, context.CancellationToken).ConfigureAwait(false);
        RequireType(issuer, type);
        var current = await store.CurrentTypeAsync(type, context.CancellationToken).ConfigureAwait(false);
        if (await store.FindAsync<CredentialRecord>(store.Key(IdentityStore.CredentialType, id), context.CancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw Errors.Conflict($"Credential {id} already exists (reserved in transaction {existing.Reserved.TxId}); ids are never reused.");
        }

        var openKey = store.Key(IdentityStore.OpenStatusListIndex, issuer.Spec.IssuerId, type);
        var openUri = await store.FindTextAsync(openKey, context.CancellationToken).ConfigureAwait(false);
        var list = openUri is null ? null : await store.StatusListAsync(openUri, context.CancellationToken).ConfigureAwait(false);
        if (list is null || list.Allocated >= list.Capacity)
        {
            var number = (list?.Number ?? 0) + 1;
            var slug = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type)))[..16];
            var uri = $"{issuer.Spec.StatusListBaseUri.TrimEnd('/')}/{slug}-{number}";
            list = new StatusListRecord(uri, issuer.Spec.IssuerId, type, number, IdentityLimits.StatusListCapacity, IdentityLimits.StatusBits, 0, stub.TxId);
            await store.PutTextAsync(openKey, uri, context.CancellationToken).ConfigureAwait(false);
        }

        // Keyed by the list and the id of the transaction that opened it: unknown before the list exists, the same on every peer.
        var index = StatusIndexAllocator.IndexFor(list.Uri + "#" + list.Seed, list.Allocated, list.Capacity);
        await store.PutAsync(store.Key(IdentityStore.StatusListType, list.Uri), list with { Allocated = list.Allocated + 1 }, context.CancellationToken).ConfigureAwait(false);
        var act = caller.Act(stub);
        var record = new CredentialRecord(id, type, current.Version, issuer.Spec.IssuerId, list.Uri, index, CredentialStatus.Reserved, act);
        await store.PutAsync(store.Key(IdentityStore.CredentialType, id), record, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, CredentialEvent(IdentityEventTypes.StatusReserved, record, act));
        return record;
    }

    /// <summary>
    /// Records the issuance of a reserved credential. Role <c>issuer</c>, the issuer that reserved it, inside its period.
    /// Transient data <c>credential</c>: the SD-JWT VC as issued, with every disclosure. The contract checks that the
    /// caller's certificate signed it (<c>x5c</c> leaf), that <c>iss</c>, <c>vct</c> and <c>status</c> match the
    /// reservation, that every disclosure is one the type makes selectively disclosable and every clear claim one the
    /// type has, and that it is bound to a holder key and expires; then it records only the hash of the issuer-signed
    /// JWT, the digests of the disclosures, the holder key's thumbprint and the validity.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The reserved credential.</param>
    /// <returns>The record, <see cref="CredentialStatus.Valid"/>, with its <see cref="CredentialRecord.Issuance"/>.</returns>
    [Transaction]
    public static async Task<CredentialRecord> RecordIssuance(Context context, [Param("The reserved credential")] string credentialId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var caller = Caller.Of(context).RequireRole("RecordIssuance", IdentityRoles.Issuer);
        var id = Input.Id(credentialId, nameof(credentialId));
        var sdJwt = ReadTransient(stub, IdentityTransientKeys.Credential);
        var issuer = await ActingIssuerAsync(store, caller, "record issuances", requireActivePeriod: true, context.CancellationToken).ConfigureAwait(false);
        var record = await store.CredentialAsync(id, context.CancellationToken).ConfigureAwait(false);
        if (!string.Equals(record.IssuerId, issuer.Spec.IssuerId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Credential {id} was reserved by another issuer; only it can record the issuance.");
        }

        if (record.Status != CredentialStatus.Reserved)
        {
            throw Errors.Conflict($"The issuance of credential {id} was already recorded in transaction {record.Issuance?.Issued.TxId}.");
        }

        RequireType(issuer, record.Vct);
        VerifiedPresentation credential;
        try
        {
            credential = SdJwtInspector.InspectCredential(sdJwt);
        }
        catch (SdJwtVerificationException ex)
        {
            throw Errors.InvalidArgument($"The transient credential is refused ({ex.Code}): {ex.Message}");
        }

        using (credential.IssuerCertificate)
        {
            if (!credential.IssuerCertificate.RawData.AsSpan().SequenceEqual(caller.Certificate))
            {
                throw Errors.Forbidden("The credential is signed with another certificate than the caller's (its x5c leaf must be the issuer's registered enrollment certificate).");
            }
        }

        var type = await store.TypeVersionAsync(record.Vct, record.TypeVersion, context.CancellationToken).ConfigureAwait(false);
        CheckContent(credential, record, issuer, type);
        var validFrom = FabricTimestamp.FromDateTimeOffset(credential.NotBefore ?? credential.IssuedAt ?? stub.TxTimestamp.ToDateTimeOffset());
        var validUntil = FabricTimestamp.FromDateTimeOffset(credential.Expires!.Value);
        if (validUntil <= stub.TxTimestamp)
        {
            throw Errors.InvalidArgument($"The credential expires at {validUntil}, before the transaction's time {stub.TxTimestamp}.");
        }

        if (credential.IssuedAt is { } iat && FabricTimestamp.FromDateTimeOffset(iat) > stub.TxTimestamp.Add(IdentityLimits.MaxSignatureAge))
        {
            throw Errors.InvalidArgument($"The credential claims to be issued at {FabricTimestamp.FromDateTimeOffset(iat)}, after the transaction's time {stub.TxTimestamp}.");
        }

        var hashKey = store.Key(IdentityStore.CredentialHashIndex, credential.IssuerSignedJwtHash);
        if (await store.FindTextAsync(hashKey, context.CancellationToken).ConfigureAwait(false) is { } other)
        {
            throw Errors.Conflict($"This issuer-signed JWT is already recorded as credential {Input.Show(other)}.");
        }

        var act = caller.Act(stub);
        var issued = record with
        {
            Status = CredentialStatus.Valid,
            Issuance = new IssuanceDetails(credential.IssuerSignedJwtHash, credential.DisclosureDigests.Order(StringComparer.Ordinal).ToList(), credential.HolderKey!.Thumbprint, validFrom, validUntil, act),
        };
        await store.PutTextAsync(hashKey, id, context.CancellationToken).ConfigureAwait(false);
        await store.PutAsync(store.Key(IdentityStore.CredentialType, id), issued, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, CredentialEvent(IdentityEventTypes.CredentialIssued, issued, act));
        return issued;
    }

    /// <summary>Suspends a valid credential (status 0x02). Its issuer (role <c>issuer</c>, registered certificate), active and inside its period.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasonCodes"/>.</param>
    /// <returns>The record, <see cref="CredentialStatus.Suspended"/>.</returns>
    [Transaction]
    public static Task<CredentialRecord> Suspend(Context context, [Param("The credential")] string credentialId, [Param("A reason code")] string reasonCode) =>
        ChangeStatusAsync(context, credentialId, reasonCode, CredentialStatus.Suspended, [CredentialStatus.Valid], IdentityEventTypes.CredentialSuspended, "Suspend");

    /// <summary>Reinstates a suspended credential (status 0x00). Its issuer, active and inside its period.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasonCodes"/>.</param>
    /// <returns>The record, <see cref="CredentialStatus.Valid"/>.</returns>
    [Transaction]
    public static Task<CredentialRecord> Reinstate(Context context, [Param("The credential")] string credentialId, [Param("A reason code")] string reasonCode) =>
        ChangeStatusAsync(context, credentialId, reasonCode, CredentialStatus.Valid, [CredentialStatus.Suspended], IdentityEventTypes.CredentialReinstated, "Reinstate");

    /// <summary>
    /// Revokes a valid or suspended credential (status 0x01), for good. Its issuer's registered certificate, even after
    /// the issuer's period ended or it was removed from the registry, so that no credential outlives its revocation.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasonCodes"/>.</param>
    /// <returns>The record, <see cref="CredentialStatus.Revoked"/>.</returns>
    [Transaction]
    public static Task<CredentialRecord> Revoke(Context context, [Param("The credential")] string credentialId, [Param("A reason code")] string reasonCode) =>
        ChangeStatusAsync(context, credentialId, reasonCode, CredentialStatus.Revoked, [CredentialStatus.Valid, CredentialStatus.Suspended], IdentityEventTypes.CredentialRevoked, "Revoke");

    private static async Task<CredentialRecord> ChangeStatusAsync(Context context, string credentialId, string reasonCode, CredentialStatus to, CredentialStatus[] from, string eventType, string operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var caller = Caller.Of(context).RequireRole(operation, IdentityRoles.Issuer);
        var id = Input.Id(credentialId, nameof(credentialId));
        var reason = Input.Code(reasonCode, nameof(reasonCode));
        if (!StatusReasonCodes.All.Contains(reason, StringComparer.Ordinal))
        {
            throw Errors.InvalidArgument($"The reasonCode {Input.Show(reason)} is not one of {string.Join(", ", StatusReasonCodes.All)}.");
        }

        var record = await store.CredentialAsync(id, context.CancellationToken).ConfigureAwait(false);
        var issuer = await store.IssuerAsync(record.IssuerId, context.CancellationToken).ConfigureAwait(false);
        if (!string.Equals(issuer.Spec.CertificateFingerprint, caller.CertificateFingerprint, StringComparison.Ordinal)
            || !string.Equals(issuer.Spec.MspId, caller.MspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Only the issuer of credential {id} ({Input.Show(issuer.Spec.IssuerId)}, with its registered certificate) can change its status.");
        }

        if (to != CredentialStatus.Revoked)
        {
            RequireActive(issuer, stub, $"{operation.ToLowerInvariant()} credentials");
        }

        if (!from.Contains(record.Status))
        {
            throw Errors.WrongState($"Credential {id} is {record.Status}; {operation} applies only to {string.Join(" or ", from)} credentials.");
        }

        var act = caller.Act(stub);
        var changed = record with { Status = to, LastStatusChange = new StatusChange(to, reason, act) };
        var entryKey = store.Key(IdentityStore.StatusEntryType, record.StatusListUri, IdentityStore.Index(record.StatusIndex));
        if (to == CredentialStatus.Valid)
        {
            await stub.DeleteStateAsync(entryKey, context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.PutAsync(entryKey, new StatusEntry(record.StatusIndex, (int)TokenStatusOf(to)), context.CancellationToken).ConfigureAwait(false);
        }

        await store.PutAsync(store.Key(IdentityStore.CredentialType, id), changed, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, CredentialEvent(eventType, changed, act) with { Status = to, ReasonCode = reason });
        return changed;
    }

    private static TokenStatus TokenStatusOf(CredentialStatus status) => status switch
    {
        CredentialStatus.Revoked => TokenStatus.Invalid,
        CredentialStatus.Suspended => TokenStatus.Suspended,
        _ => TokenStatus.Valid,
    };

    private static IdentityEvent CredentialEvent(string type, CredentialRecord record, PartyAction act) =>
        new(type, act) { CredentialId = record.Id, Vct = record.Vct, TypeVersion = record.TypeVersion, IssuerId = record.IssuerId, StatusListUri = record.StatusListUri, StatusIndex = record.StatusIndex };

    /// <summary>The active issuer whose registered certificate the caller presents.</summary>
    private static async Task<IssuerRecord> ActingIssuerAsync(IdentityStore store, Caller caller, string operation, bool requireActivePeriod, CancellationToken cancellationToken)
    {
        var issuerId = await store.FindTextAsync(store.Key(IdentityStore.IssuerCertificateIndex, caller.CertificateFingerprint), cancellationToken).ConfigureAwait(false)
            ?? throw Errors.Forbidden($"The caller's certificate ({caller.CertificateFingerprint}) is not registered for any active issuer; only registered issuers {operation}.");
        var issuer = await store.IssuerAsync(issuerId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(issuer.Spec.MspId, caller.MspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Issuer {Input.Show(issuerId)} belongs to {issuer.Spec.MspId}; the caller's certificate is from {caller.MspId}.");
        }

        if (requireActivePeriod)
        {
            RequireActive(issuer, store.Stub, operation);
        }

        return issuer;
    }

    private static void RequireActive(IssuerRecord issuer, IChaincodeStub stub, string operation)
    {
        if (!issuer.Active)
        {
            throw Errors.WrongState($"Issuer {Input.Show(issuer.Spec.IssuerId)} was removed from the registry (proposal {issuer.ProposalId}); it cannot {operation}.");
        }

        if (stub.TxTimestamp < issuer.Spec.ValidFrom || stub.TxTimestamp >= issuer.Spec.ValidUntil)
        {
            throw Errors.WrongState($"Issuer {Input.Show(issuer.Spec.IssuerId)} may {operation} only from {issuer.Spec.ValidFrom} until {issuer.Spec.ValidUntil}; the transaction's time is {stub.TxTimestamp}.");
        }
    }

    private static void RequireType(IssuerRecord issuer, string vct)
    {
        if (!issuer.Spec.CredentialTypes.Contains(vct, StringComparer.Ordinal))
        {
            throw Errors.Forbidden($"Issuer {Input.Show(issuer.Spec.IssuerId)} is not registered for the credential type {Input.Show(vct)} (it may issue {string.Join(", ", issuer.Spec.CredentialTypes)}).");
        }
    }

    private static void CheckContent(VerifiedPresentation credential, CredentialRecord record, IssuerRecord issuer, CredentialType type)
    {
        if (!string.Equals(credential.Vct, record.Vct, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The credential's vct {Input.Show(credential.Vct)} is not the reserved type {Input.Show(record.Vct)}.");
        }

        if (!string.Equals(credential.Issuer, issuer.Spec.IssuerId, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The credential's iss is not the issuer's id {Input.Show(issuer.Spec.IssuerId)}.");
        }

        if (credential.Status is not { } status || status.Index != record.StatusIndex || !string.Equals(status.Uri, record.StatusListUri, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The credential's status.status_list is not the reserved entry (index {record.StatusIndex} of {Input.Show(record.StatusListUri)}).");
        }

        if (credential.Expires is null)
        {
            throw Errors.InvalidArgument("The credential has no exp; credentials recorded here must expire.");
        }

        var disclosed = credential.DisclosedClaims.Select(Claims.Normalize).ToList();
        foreach (var path in disclosed.Where(p => !type.SelectivelyDisclosable.Contains(p, StringComparer.Ordinal)))
        {
            throw Errors.InvalidArgument($"The credential discloses {Input.Show(path)} selectively, which type {Input.Show(type.Vct)} version {type.Version} does not list as selectively disclosable.");
        }

        foreach (var name in credential.Claims.Select(c => c.Key).Where(n => !Claims.Registered.Contains(n)))
        {
            if (!type.Claims.Any(c => Claims.Covers(name, c) || Claims.Covers(c, name)))
            {
                throw Errors.InvalidArgument($"The credential has the claim {Input.Show(name)}, which type {Input.Show(type.Vct)} version {type.Version} does not have.");
            }

            if (!disclosed.Contains(name, StringComparer.Ordinal) && type.SelectivelyDisclosable.Contains(name, StringComparer.Ordinal))
            {
                throw Errors.InvalidArgument($"The credential shows the claim {Input.Show(name)} in the clear, but type {Input.Show(type.Vct)} makes it selectively disclosable.");
            }
        }
    }

    private static string ReadTransient(IChaincodeStub stub, string key)
    {
        foreach (var other in stub.Transient.Keys.Order(StringComparer.Ordinal).Where(k => !string.Equals(k, key, StringComparison.Ordinal)))
        {
            throw Errors.InvalidArgument($"The transient data has the key {Input.Show(other)}, which this transaction does not read; only '{key}' is accepted.");
        }

        if (!stub.Transient.TryGetValue(key, out var bytes) || bytes.Length == 0)
        {
            throw Errors.InvalidArgument($"The transient data has no '{key}': it carries the values that must stay off the ledger.");
        }

        if (bytes.Length > IdentityLimits.MaxTransientBytes)
        {
            throw Errors.InvalidArgument($"The transient '{key}' is {bytes.Length} bytes; at most {IdentityLimits.MaxTransientBytes} are allowed.");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Errors.InvalidArgument($"The transient '{key}' is not UTF-8 text.");
        }
    }
}
