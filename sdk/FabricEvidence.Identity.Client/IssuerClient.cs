using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client.Internal;
using FabricEvidence.Identity.Internal;
using FabricEvidence.Protocol.Peer;
using static FabricEvidence.Identity.Client.Internal.IdentityContractCaller;

namespace FabricEvidence.Identity.Client;

/// <summary>
/// A registered issuer's client: issue SD-JWT VCs signed with its Fabric enrollment key and recorded on the ledger
/// (hashes and salted digests only; the credential travels in transient data), suspend, reinstate and revoke them,
/// and sign status list tokens from the ledger's bits. The gateway's identity must be the issuer's registered
/// certificate with <c>role=issuer</c>, and <see cref="IssuerKey"/> its key. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var key = IssuerKey.FromMspDirectory("users/Issuer@org1.example.com/msp");
/// var issuer = new IssuerClient(gateway, key, new IssuerClientOptions { IssuerId = "https://registry.org1.example" });
/// var issued = await issuer.IssueAsync(new IssueCredentialRequest
/// {
///     Vct = "urn:example:residence", HolderKey = holderPublicKey, Claims = claims, Expires = DateTimeOffset.UtcNow.AddYears(1),
/// }, ct);
/// // hand issued.Credential.SdJwt to the holder; issued.Record is what the ledger keeps
/// await issuer.SuspendAsync(issued.Record.Id, StatusReasons.UnderInvestigation, ct);
/// </code>
/// </example>
public sealed class IssuerClient
{
    private readonly IdentityContractCaller _contract;
    private readonly IssuerClientOptions _options;
    private readonly SdJwtIssuer _issuer;
    private readonly ConcurrentDictionary<string, CredentialType> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reservations = new(StringComparer.Ordinal);

    /// <summary>A client of the identity contract as the gateway's identity, signing credentials with <paramref name="key"/>.</summary>
    /// <param name="gateway">The gateway, as the issuer's registered certificate.</param>
    /// <param name="key">The issuer's enrollment key and certificate chain (not disposed by the client).</param>
    /// <param name="options">The issuer id (required), chaincode, channel, clock.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public IssuerClient(IGateway gateway, IssuerKey key, IssuerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.IssuerId))
        {
            throw new ArgumentException("IssuerClientOptions.IssuerId must be the issuer's registered URI.", nameof(options));
        }

        if (options.ReservationAttempts is < 1 or > 20)
        {
            throw new ArgumentException($"IssuerClientOptions.ReservationAttempts must be 1 to 20; got {options.ReservationAttempts}.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        _contract = new IdentityContractCaller(gateway, options.ChannelName, options.ChaincodeName, nameof(IssuerClientOptions));
        _options = options;
        Key = key;
        _issuer = new SdJwtIssuer(key, new SdJwtIssuerOptions { TimeProvider = options.TimeProvider });
    }

    /// <summary>The key credentials and status list tokens are signed with.</summary>
    public IssuerKey Key { get; }

    /// <summary>The issuer's URI.</summary>
    public string IssuerId => _options.IssuerId;

    /// <summary>
    /// Issues a credential: reserves its status entry on the ledger, signs the SD-JWT VC (claims the type makes
    /// selectively disclosable become salted disclosures), and records the issuance, whose transient credential the
    /// contract checks and reduces to hashes and digests.
    /// </summary>
    /// <param name="request">The credential.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The ledger's record and the credential for the holder.</returns>
    /// <exception cref="IdentityException">The contract refused (outside the issuer's types or period, a claim the type does not have, ...); a reservation may then be left unused.</exception>
    /// <exception cref="CommitException">The reservation lost its MVCC race to other clients of the issuer <see cref="IssuerClientOptions.ReservationAttempts"/> times, or a commit failed otherwise.</exception>
    /// <remarks>
    /// One issuer's reservations of one type are serialised by the ledger (one shared counter per open status list),
    /// so this client sends them one at a time: issuances of a type run at most one reservation per block, while their
    /// signing and recording overlap.
    /// </remarks>
    public async Task<IssuanceResult> IssueAsync(IssueCredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Vct, "request.Vct");
        ArgumentNullException.ThrowIfNull(request.HolderKey, "request.HolderKey");
        ArgumentNullException.ThrowIfNull(request.Claims, "request.Claims");
        var id = request.CredentialId ?? Guid.NewGuid().ToString();
        var reserved = await ReserveAsync(id, request.Vct, cancellationToken).ConfigureAwait(false);
        var type = await TypeAsync(reserved.Vct, reserved.TypeVersion, cancellationToken).ConfigureAwait(false);
        var credential = _issuer.Issue(new CredentialRequest
        {
            Vct = reserved.Vct,
            Issuer = _options.IssuerId,
            HolderKey = request.HolderKey,
            Claims = request.Claims,
            // The type lists what a credential may hold; the claims at hand decide which of those paths exist.
            SelectivelyDisclosable = Disclosable(type, request.Claims),
            NotBefore = request.NotBefore,
            Expires = request.Expires,
            Status = new StatusReference(reserved.StatusIndex, reserved.StatusListUri),
            DecoyDigests = request.DecoyDigests,
        });
        var options = Arguments(id).AddTransientData("credential", Encoding.UTF8.GetBytes(credential.SdJwt));
        var record = await _contract.SubmitAsync<CredentialRecord>("RecordIssuance", id, options, cancellationToken).ConfigureAwait(false);
        return new IssuanceResult(record, credential);
    }

    /// <summary>Suspends a valid credential (verifications then fail with <see cref="VerificationResults.Suspended"/>).</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasons"/>.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialRecord> SuspendAsync(string credentialId, string reasonCode, CancellationToken cancellationToken = default) =>
        _contract.SubmitAsync<CredentialRecord>("Suspend", credentialId, Arguments(credentialId, reasonCode), cancellationToken);

    /// <summary>Reinstates a suspended credential.</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasons"/>.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialRecord> ReinstateAsync(string credentialId, string reasonCode, CancellationToken cancellationToken = default) =>
        _contract.SubmitAsync<CredentialRecord>("Reinstate", credentialId, Arguments(credentialId, reasonCode), cancellationToken);

    /// <summary>Revokes a credential, for good.</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="reasonCode">One of <see cref="StatusReasons"/>.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialRecord> RevokeAsync(string credentialId, string reasonCode, CancellationToken cancellationToken = default) =>
        _contract.SubmitAsync<CredentialRecord>("Revoke", credentialId, Arguments(credentialId, reasonCode), cancellationToken);

    /// <summary>A credential's record.</summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialRecord> GetCredentialAsync(string credentialId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<CredentialRecord>("GetCredential", credentialId, Arguments(credentialId), cancellationToken);

    /// <summary>
    /// Signs a status list token from the ledger's current bits of a list, for publication at its URI (where relying
    /// parties that do not read the ledger check status).
    /// </summary>
    /// <param name="statusListUri">The list (<see cref="CredentialRecord.StatusListUri"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token, its URI and the ledger's list.</returns>
    /// <exception cref="IdentityException">The contract refused (<see cref="IdentityNotFoundException"/> for an unknown list).</exception>
    /// <exception cref="InvalidOperationException">The list belongs to another issuer.</exception>
    public async Task<StatusListToken> CreateStatusListTokenAsync(string statusListUri, CancellationToken cancellationToken = default)
    {
        var snapshot = await _contract.EvaluateAsync<StatusListSnapshot>("GetStatusList", statusListUri, Arguments(statusListUri), cancellationToken).ConfigureAwait(false);
        if (!string.Equals(snapshot.List.IssuerId, _options.IssuerId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The status list {statusListUri} belongs to {snapshot.List.IssuerId}, not to {_options.IssuerId}; only its issuer signs its tokens.");
        }

        var list = StatusList.Decode(snapshot.List.Bits, snapshot.Lst);
        var token = _issuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = snapshot.List.Uri, TimeToLive = _options.StatusListTimeToLive });
        return new StatusListToken(snapshot.List.Uri, token, snapshot);
    }

    private async Task<CredentialRecord> ReserveAsync(string id, string vct, CancellationToken cancellationToken)
    {
        // Reservations of one issuer and type share the open list's allocation counter, so concurrent ones conflict
        // under MVCC and all but one per block fail. This client sends its own one at a time (signing and recording
        // still overlap); the retries are for reservations by other clients of the same issuer.
        var gate = _reservations.GetOrAdd(vct, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await _contract.SubmitAsync<CredentialRecord>("ReserveStatus", id, Arguments(id, vct), cancellationToken).ConfigureAwait(false);
                }
                catch (CommitException ex) when (ex.Code == TxValidationCode.MvccReadConflict && attempt < _options.ReservationAttempts)
                {
                    // The loser wrote nothing, so the same id is sent again after a short, growing, jittered pause.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static List<string> Disclosable(CredentialType type, JsonObject claims)
    {
        var present = ClaimPaths.Present(claims);
        return type.SelectivelyDisclosable.Where(present.Contains).ToList();
    }

    private async Task<CredentialType> TypeAsync(string vct, int version, CancellationToken cancellationToken)
    {
        if (_types.TryGetValue(vct, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var type = await _contract.EvaluateAsync<CredentialType>("GetCredentialType", vct, Arguments(vct), cancellationToken).ConfigureAwait(false);
        if (type.Version != version)
        {
            throw new InvalidOperationException($"The credential type {vct} changed to version {type.Version} after the reservation of version {version}; issue again.");
        }

        _types[vct] = type;
        return type;
    }
}
