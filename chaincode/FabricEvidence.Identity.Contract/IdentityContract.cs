using FabricEvidence.Identity.Contract.Internal;

namespace FabricEvidence.Identity.Contract;

/// <summary>
/// Identity attestation: a trust registry of issuers approved by a majority of the registry's organisations,
/// credential types, issuance records of SD-JWT VCs holding only hashes and salted digests, Token Status Lists,
/// holder-signed consents and a verification log. Every permission comes from the caller's certificate (MSP id, the
/// <c>role</c> attribute, the administrator OU, the registered issuer certificate), every time from the transaction.
/// </summary>
/// <remarks>
/// <para>
/// The registry's organisations are set once by <see cref="Initialize"/> (run as the chaincode's Init at deployment,
/// so Fabric lets no other transaction in first) and afterwards only by a majority-approved
/// <see cref="ChangeKind.SetOrganisations"/> proposal. The set is state, never an argument of the transactions that
/// count approvals, so every endorsing peer counts against the same set.
/// </para>
/// <para>
/// Every argument is a string checked by the contract; each refusal carries one of <see cref="IdentityErrorCodes"/>
/// and writes nothing. Each submitted transaction sets one event (<see cref="IdentityEventTypes"/>, payload
/// <see cref="IdentityEvent"/>). Claim values travel only in transient data (<see cref="IdentityTransientKeys"/>).
/// </para>
/// </remarks>
[Contract(Name = ContractName)]
[Info(Title = "Identity attestation", Description = "Trust registry, credential types, SD-JWT VC issuance records, status lists, consents and verification log", License = "Apache-2.0")]
public sealed partial class IdentityContract : FabricEvidence.Chaincode.Contract
{
    /// <summary>The contract name clients use: <c>identity</c> (transactions are <c>identity:Initialize</c> and so on).</summary>
    public const string ContractName = "identity";

    /// <summary>
    /// Sets the registry's organisations. Run once, at deployment, by an administrator (OU <c>admin</c>) of one of
    /// them; afterwards only a majority-approved proposal changes the set.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="organisations">A JSON array of 1 to 32 distinct MSP ids, including the caller's.</param>
    /// <returns>The registry configuration, version 1.</returns>
    [Transaction]
    public static async Task<RegistryConfig> Initialize(Context context, [Param("JSON array of MSP ids, e.g. [\"Org1MSP\",\"Org2MSP\"]")] string organisations)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context);
        if (!caller.IsAdmin)
        {
            throw Errors.Forbidden($"Initialize needs an organisation administrator's certificate (OU '{IdentityRoles.AdminOrganizationalUnit}').");
        }

        var orgs = Input.StringArray(organisations, nameof(organisations), IdentityLimits.MaxOrganisations, Input.Id);
        if (!orgs.Contains(caller.MspId, StringComparer.Ordinal))
        {
            throw Errors.Forbidden($"The caller's organisation {caller.MspId} is not among the organisations it initialises the registry with.");
        }

        var store = new IdentityStore(context.Stub);
        if (await store.FindAsync<RegistryConfig>(store.Key(IdentityStore.ConfigType), context.CancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw Errors.Conflict($"The registry was initialised in transaction {existing.Changed.TxId}; its organisations change only by a majority-approved proposal.");
        }

        var act = caller.Act(context.Stub);
        var config = new RegistryConfig(orgs, 1, act);
        await store.PutAsync(store.Key(IdentityStore.ConfigType), config, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(context.Stub, new IdentityEvent(IdentityEventTypes.RegistryInitialized, act) { Organisations = orgs });
        return config;
    }

    /// <summary>
    /// Proposes a registry change. An administrator of a registry organisation; the proposal counts as its
    /// organisation's approval and is applied at once when that is already a majority.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="proposalId">The new proposal's id.</param>
    /// <param name="kind">One of <see cref="ChangeKind"/>'s names.</param>
    /// <param name="payload">JSON: an <see cref="IssuerSpec"/> (add, update), an <see cref="IssuerReference"/> (remove) or an <see cref="OrganisationSet"/>.</param>
    /// <param name="expiresAt">RFC 3339; after the transaction's time and at most 30 days after it.</param>
    /// <returns>The proposal (state <see cref="ProposalState.Open"/> or <see cref="ProposalState.Applied"/>).</returns>
    [Transaction]
    public static async Task<ChangeProposal> ProposeChange(Context context, [Param("The new proposal's id")] string proposalId, [Param("AddIssuer, UpdateIssuer, RemoveIssuer or SetOrganisations")] string kind, [Param("The change as JSON")] string payload, [Param("RFC 3339, within 30 days")] string expiresAt)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireAdminOf(config, "ProposeChange");
        var id = Input.Id(proposalId, nameof(proposalId));
        var changeKind = Input.Enum<ChangeKind>(kind, nameof(kind));
        var expires = Input.Timestamp(expiresAt, nameof(expiresAt));
        if (expires <= stub.TxTimestamp || expires > stub.TxTimestamp.Add(IdentityLimits.MaxProposalLifetime))
        {
            throw Errors.InvalidArgument($"The expiresAt {expires} must be after the transaction's time {stub.TxTimestamp} and at most {IdentityLimits.MaxProposalLifetime.TotalDays} days later.");
        }

        if (await store.FindAsync<ChangeProposal>(store.Key(IdentityStore.ProposalType, id), context.CancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw Errors.Conflict($"Proposal {id} already exists (transaction {existing.Proposed.TxId}); ids are never reused.");
        }

        var act = caller.Act(stub);
        var proposal = new ChangeProposal(id, changeKind, config.Version, expires, ProposalState.Open, act, [act]);
        proposal = changeKind switch
        {
            ChangeKind.AddIssuer or ChangeKind.UpdateIssuer => proposal with { Issuer = await CheckSpecAsync(store, config, Input.Json<IssuerSpec>(payload, nameof(payload), IdentityLimits.MaxJsonLength), changeKind, context.CancellationToken).ConfigureAwait(false) },
            ChangeKind.RemoveIssuer => proposal with { IssuerId = await CheckRemovalAsync(store, Input.Json<IssuerReference>(payload, nameof(payload), IdentityLimits.MaxJsonLength), context.CancellationToken).ConfigureAwait(false) },
            _ => proposal with { Organisations = CheckOrganisations(Input.Json<OrganisationSet>(payload, nameof(payload), IdentityLimits.MaxJsonLength)) },
        };
        return await ConcludeAsync(store, config, proposal, act, IdentityEventTypes.ChangeProposed, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves an open proposal for the caller's organisation. An administrator of a registry organisation that has not
    /// approved it yet. When approvals reach a majority of the current organisations the change is applied.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="proposalId">The proposal.</param>
    /// <returns>The proposal (still open, or applied).</returns>
    [Transaction]
    public static async Task<ChangeProposal> ApproveChange(Context context, [Param("The proposal")] string proposalId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireAdminOf(config, "ApproveChange");
        var proposal = await OpenProposalAsync(store, config, Input.Id(proposalId, nameof(proposalId)), context.CancellationToken).ConfigureAwait(false);
        if (proposal.Approvals.Any(a => string.Equals(a.MspId, caller.MspId, StringComparison.Ordinal)))
        {
            throw Errors.Conflict($"{caller.MspId} already approved proposal {proposal.Id}; each organisation approves once.");
        }

        var act = caller.Act(stub);
        var approved = proposal with { Approvals = [.. proposal.Approvals, act] };
        return await ConcludeAsync(store, config, approved, act, IdentityEventTypes.ChangeApproved, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws an open proposal. An administrator of the proposing organisation.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="proposalId">The proposal.</param>
    /// <returns>The proposal, <see cref="ProposalState.Withdrawn"/>.</returns>
    [Transaction]
    public static async Task<ChangeProposal> WithdrawChange(Context context, [Param("The proposal")] string proposalId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireAdminOf(config, "WithdrawChange");
        var id = Input.Id(proposalId, nameof(proposalId));
        var proposal = await store.FindAsync<ChangeProposal>(store.Key(IdentityStore.ProposalType, id), context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"No proposal {id} exists.");
        if (!string.Equals(proposal.Proposed.MspId, caller.MspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Only an administrator of {proposal.Proposed.MspId}, which proposed {id}, can withdraw it; the caller belongs to {caller.MspId}.");
        }

        if (proposal.State != ProposalState.Open)
        {
            throw Errors.WrongState($"Proposal {id} is {proposal.State}; only an open proposal can be withdrawn.");
        }

        var act = caller.Act(stub);
        var withdrawn = proposal with { State = ProposalState.Withdrawn, Closed = act };
        await store.PutAsync(store.Key(IdentityStore.ProposalType, id), withdrawn, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, new IdentityEvent(IdentityEventTypes.ChangeWithdrawn, act) { ProposalId = id, Kind = proposal.Kind });
        return withdrawn;
    }

    private static async Task<ChangeProposal> OpenProposalAsync(IdentityStore store, RegistryConfig config, string id, CancellationToken cancellationToken)
    {
        var proposal = await store.FindAsync<ChangeProposal>(store.Key(IdentityStore.ProposalType, id), cancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"No proposal {id} exists.");
        if (proposal.State != ProposalState.Open)
        {
            throw Errors.WrongState($"Proposal {id} is {proposal.State}; only open proposals can be approved.");
        }

        if (proposal.ExpiresAt <= store.Stub.TxTimestamp)
        {
            throw Errors.WrongState($"Proposal {id} expired at {proposal.ExpiresAt}; propose the change again.");
        }

        if (proposal.ConfigVersion != config.Version)
        {
            throw Errors.WrongState($"Proposal {id} was made under registry version {proposal.ConfigVersion}; the organisations have changed since (version {config.Version}), so propose the change again.");
        }

        return proposal;
    }

    /// <summary>Saves the proposal; applies it when the approvals of current organisations reach a majority.</summary>
    private static async Task<ChangeProposal> ConcludeAsync(IdentityStore store, RegistryConfig config, ChangeProposal proposal, PartyAction act, string eventType, CancellationToken cancellationToken)
    {
        var count = proposal.Approvals.Count(a => config.Organisations.Contains(a.MspId, StringComparer.Ordinal));
        var result = proposal;
        var identityEvent = new IdentityEvent(eventType, act) { ProposalId = proposal.Id, Kind = proposal.Kind, Approvals = count, Required = config.Majority };
        if (count >= config.Majority)
        {
            result = proposal with { State = ProposalState.Applied, Closed = act };
            await ApplyAsync(store, config, result, act, cancellationToken).ConfigureAwait(false);
            identityEvent = identityEvent with
            {
                Type = IdentityEventTypes.ChangeApplied,
                IssuerId = result.Issuer?.IssuerId ?? result.IssuerId,
                Organisations = result.Organisations,
            };
        }

        await store.PutAsync(store.Key(IdentityStore.ProposalType, proposal.Id), result, cancellationToken).ConfigureAwait(false);
        Events.Emit(store.Stub, identityEvent);
        return result;
    }

    private static async Task ApplyAsync(IdentityStore store, RegistryConfig config, ChangeProposal proposal, PartyAction act, CancellationToken cancellationToken)
    {
        switch (proposal.Kind)
        {
            case ChangeKind.SetOrganisations:
                await store.PutAsync(store.Key(IdentityStore.ConfigType), new RegistryConfig(proposal.Organisations!, config.Version + 1, act), cancellationToken).ConfigureAwait(false);
                return;
            case ChangeKind.RemoveIssuer:
            {
                var issuer = await store.IssuerAsync(proposal.IssuerId!, cancellationToken).ConfigureAwait(false);
                if (!issuer.Active)
                {
                    throw Errors.Conflict($"Issuer {Input.Show(proposal.IssuerId!)} was already removed (proposal {issuer.ProposalId}).");
                }

                await store.Stub.DeleteStateAsync(store.Key(IdentityStore.IssuerCertificateIndex, issuer.Spec.CertificateFingerprint), cancellationToken).ConfigureAwait(false);
                await store.PutAsync(store.Key(IdentityStore.IssuerType, issuer.Spec.IssuerId), issuer with { Active = false, ProposalId = proposal.Id, Changed = act }, cancellationToken).ConfigureAwait(false);
                return;
            }

            default:
            {
                var spec = proposal.Issuer!;
                var existing = await store.FindAsync<IssuerRecord>(store.Key(IdentityStore.IssuerType, spec.IssuerId), cancellationToken).ConfigureAwait(false);
                if (proposal.Kind == ChangeKind.AddIssuer && existing is not null)
                {
                    throw Errors.Conflict($"Issuer {Input.Show(spec.IssuerId)} was registered by proposal {existing.ProposalId} since this one was made.");
                }

                if (proposal.Kind == ChangeKind.UpdateIssuer && existing is not { Active: true })
                {
                    throw Errors.WrongState($"Issuer {Input.Show(spec.IssuerId)} is not an active registered issuer; it cannot be updated.");
                }

                var certificateKey = store.Key(IdentityStore.IssuerCertificateIndex, spec.CertificateFingerprint);
                var holder = await store.FindTextAsync(certificateKey, cancellationToken).ConfigureAwait(false);
                if (holder is not null && !string.Equals(holder, spec.IssuerId, StringComparison.Ordinal))
                {
                    throw Errors.Conflict($"The certificate {spec.CertificateFingerprint} already acts as issuer {Input.Show(holder)}; one certificate is one issuer.");
                }

                if (existing is not null && !string.Equals(existing.Spec.CertificateFingerprint, spec.CertificateFingerprint, StringComparison.Ordinal))
                {
                    await store.Stub.DeleteStateAsync(store.Key(IdentityStore.IssuerCertificateIndex, existing.Spec.CertificateFingerprint), cancellationToken).ConfigureAwait(false);
                }

                await store.PutTextAsync(certificateKey, spec.IssuerId, cancellationToken).ConfigureAwait(false);
                await store.PutAsync(store.Key(IdentityStore.IssuerType, spec.IssuerId), new IssuerRecord(spec, true, proposal.Id, act), cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private static async Task<IssuerSpec> CheckSpecAsync(IdentityStore store, RegistryConfig config, IssuerSpec spec, ChangeKind kind, CancellationToken cancellationToken)
    {
        Input.Uri(spec.IssuerId, "payload's issuerId");
        Input.Id(spec.MspId, "payload's mspId");
        Input.Fingerprint(spec.CertificateFingerprint, "payload's certificateFingerprint");
        Input.Uri(spec.StatusListBaseUri, "payload's statusListBaseUri");
        if (spec.StatusListBaseUri.Length > IdentityLimits.MaxUriLength - 40)
        {
            throw Errors.InvalidArgument($"The payload's statusListBaseUri is {spec.StatusListBaseUri.Length} characters long; at most {IdentityLimits.MaxUriLength - 40} are allowed, so that list URIs fit.");
        }

        if (!config.Organisations.Contains(spec.MspId, StringComparer.Ordinal))
        {
            throw Errors.InvalidArgument($"The issuer's organisation {spec.MspId} is not one of the registry's organisations.");
        }

        if (spec.ValidFrom >= spec.ValidUntil)
        {
            throw Errors.InvalidArgument($"The issuer's validFrom {spec.ValidFrom} must be before its validUntil {spec.ValidUntil}.");
        }

        if (spec.ValidUntil <= store.Stub.TxTimestamp)
        {
            throw Errors.InvalidArgument($"The issuer's validUntil {spec.ValidUntil} has already passed.");
        }

        var types = Input.StringArray(ChaincodeJsonText(spec.CredentialTypes), "payload's credentialTypes", IdentityLimits.MaxIssuerTypes, Input.Uri);
        foreach (var vct in types)
        {
            await store.CurrentTypeAsync(vct, cancellationToken).ConfigureAwait(false);
        }

        var existing = await store.FindAsync<IssuerRecord>(store.Key(IdentityStore.IssuerType, spec.IssuerId), cancellationToken).ConfigureAwait(false);
        if (kind == ChangeKind.AddIssuer && existing is not null)
        {
            throw Errors.Conflict($"Issuer {Input.Show(spec.IssuerId)} is already registered (proposal {existing.ProposalId}); propose UpdateIssuer instead.");
        }

        if (kind == ChangeKind.UpdateIssuer && existing is not { Active: true })
        {
            throw existing is null
                ? Errors.NotFound($"No issuer {Input.Show(spec.IssuerId)} is registered; propose AddIssuer instead.")
                : Errors.WrongState($"Issuer {Input.Show(spec.IssuerId)} was removed; register it again with AddIssuer under another id.");
        }

        return spec with { CredentialTypes = types };
    }

    private static async Task<string> CheckRemovalAsync(IdentityStore store, IssuerReference reference, CancellationToken cancellationToken)
    {
        var id = Input.Uri(reference.IssuerId, "payload's issuerId");
        var issuer = await store.IssuerAsync(id, cancellationToken).ConfigureAwait(false);
        return issuer.Active ? id : throw Errors.Conflict($"Issuer {Input.Show(id)} was already removed (proposal {issuer.ProposalId}).");
    }

    private static IReadOnlyList<string> CheckOrganisations(OrganisationSet set) =>
        Input.StringArray(ChaincodeJsonText(set.Organisations), "payload's organisations", IdentityLimits.MaxOrganisations, Input.Id);

    private static string ChaincodeJsonText(IReadOnlyList<string> values) => System.Text.Encoding.UTF8.GetString(ChaincodeJson.Serialize(values));
}
