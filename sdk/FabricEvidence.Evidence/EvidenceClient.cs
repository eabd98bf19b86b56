using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FabricEvidence.Evidence.Internal;
using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence;

/// <summary>
/// The typed client of the evidence-custody contract: one async method per contract operation, typed requests and
/// results, the contract's refusals as typed exceptions (<see cref="EvidenceException"/>), paged queries and custody
/// events as <see cref="IAsyncEnumerable{T}"/>. Every submitted operation is signed by the gateway's identity, whose
/// certificate's <c>role</c> attribute the contract checks. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var evidence = new EvidenceClient(gateway);
/// await using var file = File.OpenRead("disk.img");
/// var (digest, size) = await EvidenceDigest.ComputeAsync(file, DigestAlgorithm.Sm3, cancellationToken: ct);
/// var record = await evidence.SubmitAsync(new SubmitEvidenceRequest
/// {
///     EvidenceId = "EV-2026-0001", CaseReference = "CASE-2026/17", Description = "Disk image",
///     DigestAlgorithm = DigestAlgorithm.Sm3, Digest = digest, Size = size,
///     RetainUntil = DateTimeOffset.UtcNow.AddYears(10),
///     Origin = new EvidenceOrigin("Operator 7", "Laptop", "dd", "9.1", "Station 4"),
/// }, ct);
/// </code>
/// </example>
public sealed class EvidenceClient
{
    private const string Prefix = "evidence:";
    private readonly IContract _contract;
    private readonly INetwork _network;
    private readonly EvidenceClientOptions _options;
    private readonly string[] _endorsingOrganizations;

    /// <summary>A client of the evidence contract on <see cref="EvidenceClientOptions.ChannelName"/>, as the gateway's identity.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="options">Chaincode, channel and paging; defaults by default.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EvidenceClient(IGateway gateway, EvidenceClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _options = options ?? new EvidenceClientOptions();
        if (_options.PageSize is < 1 or > 100)
        {
            throw new ArgumentException($"EvidenceClientOptions.PageSize must be 1 to 100; got {_options.PageSize}.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ChaincodeName, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ChannelName, nameof(options));
        _endorsingOrganizations = [.. _options.EndorsingOrganizations];
        if (_endorsingOrganizations.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("EvidenceClientOptions.EndorsingOrganizations must hold MSP ids, not empty entries.", nameof(options));
        }

        _network = gateway.GetNetwork(_options.ChannelName);
        _contract = _network.GetContract(_options.ChaincodeName);
    }

    /// <summary>Submits an item (role <c>investigator</c>); its origin and case details go as transient data into the private collection.</summary>
    /// <param name="request">The item.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record, <see cref="EvidenceState.Submitted"/>.</returns>
    /// <exception cref="EvidenceException">The contract refused (its code says why); nothing was written.</exception>
    public Task<EvidenceRecord> SubmitAsync(SubmitEvidenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = Arguments(request.EvidenceId, request.CaseReference, request.Description, request.DigestAlgorithm.Name, request.Digest,
            Number(request.Size), request.MediaType, Time(request.RetainUntil));
        AddPrivate(options, request.Origin, request.CaseDetails);
        return SubmitAsync<EvidenceRecord>("Submit", request.EvidenceId, options, cancellationToken);
    }

    /// <summary>Submits an item whose content is read from <paramref name="content"/> to compute its digest and size (constant memory).</summary>
    /// <param name="request">The item; its <see cref="SubmitEvidenceRequest.Digest"/> and <see cref="SubmitEvidenceRequest.Size"/> are replaced by the computed ones.</param>
    /// <param name="content">The content, read to its end.</param>
    /// <param name="progress">Receives the bytes read so far; optional.</param>
    /// <param name="cancellationToken">Cancels the reading and the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public async Task<EvidenceRecord> SubmitAsync(SubmitEvidenceRequest request, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (digest, size) = await EvidenceDigest.ComputeAsync(content, request.DigestAlgorithm, progress, cancellationToken).ConfigureAwait(false);
        return await SubmitAsync(request with { Digest = digest, Size = size }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers a derivative of a stored item (role <c>investigator</c> of the parent's holder).</summary>
    /// <param name="request">The derivative.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The derivative's record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> RegisterDerivativeAsync(RegisterDerivativeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = Arguments(request.EvidenceId, request.ParentId, request.Description, request.DigestAlgorithm.Name, request.Digest,
            Number(request.Size), request.MediaType, request.Tool, request.ToolVersion);
        AddPrivate(options, request.Origin, request.CaseDetails);
        return SubmitAsync<EvidenceRecord>("RegisterDerivative", request.EvidenceId, options, cancellationToken);
    }

    /// <summary>Confirms storage of a submitted item (role <c>storage</c>) with the digest and size the receiver computed itself.</summary>
    /// <param name="request">The confirmation.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record: <see cref="EvidenceState.Stored"/> when digest and size match, else <see cref="EvidenceState.Rejected"/>.</returns>
    /// <exception cref="EvidenceException">The contract refused (a second confirmation is a <see cref="EvidenceConflictException"/>).</exception>
    public Task<EvidenceRecord> ConfirmStorageAsync(ConfirmStorageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitAsync<EvidenceRecord>("ConfirmStorage", request.EvidenceId,
            Arguments(request.EvidenceId, request.DigestAlgorithm.Name, request.ComputedDigest, Number(request.Size), request.ObjectLocation, request.ObjectVersion), cancellationToken);
    }

    /// <summary>Offers custody to another organisation (role <c>custodian</c> of the holder).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="toMspId">The receiving organisation.</param>
    /// <param name="purpose">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record with the open offer.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> OfferTransferAsync(string evidenceId, string toMspId, string purpose, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("OfferTransfer", evidenceId, Arguments(evidenceId, toMspId, purpose), cancellationToken);

    /// <summary>Accepts an offered transfer (role <c>custodian</c> of the receiving organisation).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record, now held by the caller's organisation.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> AcceptTransferAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("AcceptTransfer", evidenceId, Arguments(evidenceId), cancellationToken);

    /// <summary>Declines an offered transfer (role <c>custodian</c> of the receiving organisation).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> DeclineTransferAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("DeclineTransfer", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Withdraws an open offer (role <c>custodian</c> of the holder).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> WithdrawTransferAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("WithdrawTransfer", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Places a legal hold (role <c>prosecutor</c> or <c>judge</c>): no transfer, no disposal while it lasts.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="holdId">The hold's id (for example the order's reference).</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> PlaceHoldAsync(string evidenceId, string holdId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("PlaceHold", evidenceId, Arguments(evidenceId, holdId, reason), cancellationToken);

    /// <summary>Lifts a legal hold (a judge; or a prosecutor of the organisation whose prosecutor placed it).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="holdId">The hold.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> LiftHoldAsync(string evidenceId, string holdId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("LiftHold", evidenceId, Arguments(evidenceId, holdId, reason), cancellationToken);

    /// <summary>Changes the retention date (role <c>prosecutor</c> or <c>judge</c>).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="retainUntil">The new date.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> SetRetentionAsync(string evidenceId, DateTimeOffset retainUntil, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("SetRetention", evidenceId, Arguments(evidenceId, Time(retainUntil), reason), cancellationToken);

    /// <summary>Requests disposal after the retention date (role <c>custodian</c> of the holder); a judge or prosecutor must approve.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record with the request.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> RequestDisposalAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("RequestDisposal", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Withdraws a disposal request (role <c>custodian</c> of the holder).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> WithdrawDisposalAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("WithdrawDisposal", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Declines a disposal request (role <c>prosecutor</c> or <c>judge</c>).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> DeclineDisposalAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("DeclineDisposal", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>
    /// Approves a disposal request (role <c>prosecutor</c> or <c>judge</c>): the record becomes a tombstone (digest,
    /// decision and reason stay for ever) and the private details are purged from every peer.
    /// </summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">The decision's reason (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The tombstone.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> ApproveDisposalAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("ApproveDisposal", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Invalidates an item (role <c>prosecutor</c> or <c>judge</c>); the record and its history remain.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why (public; for example evidence found to be unlawfully obtained).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<EvidenceRecord> InvalidateAsync(string evidenceId, string reason, CancellationToken cancellationToken = default) =>
        SubmitAsync<EvidenceRecord>("Invalidate", evidenceId, Arguments(evidenceId, reason), cancellationToken);

    /// <summary>Records an integrity attestation (role <c>storage</c> of the organisation that confirmed the item); a mismatch flags the item.</summary>
    /// <param name="request">The attestation.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The attestation as recorded.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<IntegrityCheck> RecordIntegrityCheckAsync(RecordIntegrityCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitAsync<IntegrityCheck>("RecordIntegrityCheck", request.EvidenceId,
            Arguments(request.EvidenceId, request.DigestAlgorithm.Name, request.ComputedDigest, request.ObjectVersion), cancellationToken);
    }

    /// <summary>
    /// Records an access to the item's content as a submitted transaction (who, why). Do it before fetching the
    /// content: its <see cref="PartyAction.TxId"/> is the receipt the storage service checks.
    /// </summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="purpose">Why (public).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The access record.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public Task<AccessRecord> RecordAccessAsync(string evidenceId, string purpose, CancellationToken cancellationToken = default) =>
        SubmitAsync<AccessRecord>("RecordAccess", evidenceId, Arguments(evidenceId, purpose), cancellationToken);

    /// <summary>Reads an item's record (an evaluation: nothing is recorded).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record.</returns>
    /// <exception cref="EvidenceNotFoundException">No such item.</exception>
    public Task<EvidenceRecord> GetEvidenceAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        EvaluateAsync<EvidenceRecord>("GetEvidence", evidenceId, Arguments(evidenceId), cancellationToken);

    /// <summary>The full custody history of an item, oldest first, with each transaction.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every committed version of the record.</returns>
    /// <exception cref="EvidenceNotFoundException">No such item.</exception>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        await EvaluateAsync<List<HistoryEntry>>("GetHistory", evidenceId, Arguments(evidenceId), cancellationToken).ConfigureAwait(false);

    /// <summary>The item and its ancestors: the item, its parent, ... up to the original.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lineage, the item first.</returns>
    /// <exception cref="EvidenceNotFoundException">No such item.</exception>
    public async Task<IReadOnlyList<EvidenceRecord>> GetLineageAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        await EvaluateAsync<List<EvidenceRecord>>("GetLineage", evidenceId, Arguments(evidenceId), cancellationToken).ConfigureAwait(false);

    /// <summary>Compares a digest with the recorded one.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="algorithm">The item's algorithm.</param>
    /// <param name="digest">The digest to compare.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The comparison, with the item's state and flags.</returns>
    /// <exception cref="EvidenceException">The contract refused (unknown item, wrong algorithm, malformed digest).</exception>
    public Task<DigestVerification> VerifyDigestAsync(string evidenceId, DigestAlgorithm algorithm, string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return EvaluateAsync<DigestVerification>("VerifyDigest", evidenceId, Arguments(evidenceId, algorithm.Name, digest), cancellationToken);
    }

    /// <summary>Computes the digest of <paramref name="content"/> with the item's algorithm (streaming) and compares it with the recorded one.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="content">The content, read to its end.</param>
    /// <param name="progress">Receives the bytes read so far; optional.</param>
    /// <param name="cancellationToken">Cancels the reading and the calls.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="EvidenceException">The contract refused.</exception>
    public async Task<DigestVerification> VerifyContentAsync(string evidenceId, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var record = await GetEvidenceAsync(evidenceId, cancellationToken).ConfigureAwait(false);
        var algorithm = DigestAlgorithm.FromName(record.DigestAlgorithm);
        var (digest, _) = await EvidenceDigest.ComputeAsync(content, algorithm, progress, cancellationToken).ConfigureAwait(false);
        return await VerifyDigestAsync(evidenceId, algorithm, digest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The private details of an item, read by evaluation from a member peer of the private collection (roles
    /// <c>investigator</c>, <c>prosecutor</c>, <c>judge</c>). Never submitted: a submitted result would enter the block.
    /// </summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The details.</returns>
    /// <exception cref="EvidenceNotFoundException">Not on this peer, or purged by disposal.</exception>
    public async Task<PrivateDetails> GetPrivateDetailsAsync(string evidenceId, CancellationToken cancellationToken = default)
    {
        var wire = await EvaluateAsync<PrivateDetailsWire>("GetPrivateDetails", evidenceId, Arguments(evidenceId), cancellationToken).ConfigureAwait(false);
        var origin = wire.Origin;
        return new PrivateDetails(wire.EvidenceId, new EvidenceOrigin(origin.Operator, origin.Device, origin.AcquisitionTool, origin.AcquisitionToolVersion, origin.Place), wire.CaseDetails?.Text);
    }

    /// <summary>Compares the private details' hashes on the channel with the public record (works for non-members too).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="EvidenceNotFoundException">No such item.</exception>
    public Task<PrivateDetailsVerification> VerifyPrivateDetailsAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        EvaluateAsync<PrivateDetailsVerification>("VerifyPrivateDetails", evidenceId, Arguments(evidenceId), cancellationToken);

    /// <summary>The items of a case, page by page as enumerated.</summary>
    /// <param name="caseReference">The case.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items, in id order.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListByCaseAsync(string caseReference, CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListByCase", [caseReference], cancellationToken);

    /// <summary>The items an organisation holds.</summary>
    /// <param name="mspId">The holder.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items, in id order.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListByHolderAsync(string mspId, CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListByHolder", [mspId], cancellationToken);

    /// <summary>The items in a state.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items, in id order.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListByStateAsync(EvidenceState state, CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListByState", [state.ToString()], cancellationToken);

    /// <summary>The items awaiting the storage receiver's confirmation.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListPendingConfirmationsAsync(CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListPendingConfirmations", [], cancellationToken);

    /// <summary>The items with an open transfer offer, to one organisation or to any.</summary>
    /// <param name="toMspId">The receiving organisation; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListPendingTransfersAsync(string? toMspId = null, CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListPendingTransfers", [toMspId ?? string.Empty], cancellationToken);

    /// <summary>The items with a disposal request awaiting a decision.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListPendingDisposalsAsync(CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListPendingDisposals", [], cancellationToken);

    /// <summary>The direct derivatives of an item.</summary>
    /// <param name="evidenceId">The parent.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The children.</returns>
    public IAsyncEnumerable<EvidenceRecord> ListDerivativesAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        AllAsync<EvidenceRecord>("ListDerivatives", [evidenceId], cancellationToken);

    /// <summary>The recorded accesses to an item's content, oldest first.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The access records.</returns>
    public IAsyncEnumerable<AccessRecord> ListAccessRecordsAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        AllAsync<AccessRecord>("ListAccessRecords", [evidenceId], cancellationToken);

    /// <summary>The integrity attestations of an item, oldest first.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The attestations.</returns>
    public IAsyncEnumerable<IntegrityCheck> ListIntegrityChecksAsync(string evidenceId, CancellationToken cancellationToken = default) =>
        AllAsync<IntegrityCheck>("ListIntegrityChecks", [evidenceId], cancellationToken);

    /// <summary>One page of the items of a case, for user interfaces that page themselves.</summary>
    /// <param name="caseReference">The case.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, then the previous page's bookmark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    public Task<Page<EvidenceRecord>> GetCasePageAsync(string caseReference, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        PageAsync<EvidenceRecord>("ListByCase", [caseReference], pageSize, bookmark, cancellationToken);

    /// <summary>
    /// The custody events of the contract's valid transactions, as they commit (or from a start block or a
    /// checkpoint), filtered by <paramref name="options"/>. Reconnects after failures and resumes without gap or
    /// duplicate (see the Gateway SDK's resilience options).
    /// </summary>
    /// <param name="options">Start, checkpoint and filters; by default every event from the next block.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in ledger order.</returns>
    public async IAsyncEnumerable<EvidenceEvent> GetEventsAsync(EvidenceEventsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var eventsOptions = new EventsOptions { StartBlock = options?.StartBlock, Checkpoint = options?.Checkpoint };
        var types = options?.Types is { Count: > 0 } wanted ? new HashSet<string>(wanted, StringComparer.Ordinal) : null;
        await foreach (var contractEvent in _network.GetChaincodeEventsAsync(_options.ChaincodeName, eventsOptions, cancellationToken).ConfigureAwait(false))
        {
            if (types is not null && !types.Contains(contractEvent.EventName))
            {
                continue;
            }

            var evidenceEvent = EvidenceJson.Read<EvidenceEvent>(contractEvent.Payload.ToArray(), $"the event {contractEvent.EventName} of transaction {contractEvent.TransactionId}") with
            {
                BlockNumber = contractEvent.BlockNumber,
            };
            if (options?.EvidenceId is { } id && !string.Equals(evidenceEvent.EvidenceId, id, StringComparison.Ordinal))
            {
                continue;
            }

            yield return evidenceEvent;
        }
    }

    private static ProposalOptions Arguments(params string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(arguments[i], $"argument {i}");
        }

        return new ProposalOptions().AddArguments(arguments);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The private inputs as RFC 8785 canonical JSON with a fresh salt each, in transient data only.</summary>
    private static void AddPrivate(ProposalOptions options, EvidenceOrigin origin, string? caseDetails)
    {
        ArgumentNullException.ThrowIfNull(origin);
        options.AddTransientData("origin", CanonicalJson.Object(new Dictionary<string, string>
        {
            ["acquisitionTool"] = origin.AcquisitionTool,
            ["acquisitionToolVersion"] = origin.AcquisitionToolVersion,
            ["device"] = origin.Device,
            ["operator"] = origin.Operator,
            ["place"] = origin.Place,
            ["salt"] = Salt.New(),
        }));
        if (caseDetails is not null)
        {
            options.AddTransientData("caseDetails", CanonicalJson.Object(new Dictionary<string, string> { ["salt"] = Salt.New(), ["text"] = caseDetails }));
        }
    }

    private async Task<T> SubmitAsync<T>(string transaction, string? evidenceId, ProposalOptions options, CancellationToken cancellationToken)
    {
        if (_endorsingOrganizations.Length > 0)
        {
            // Named organisations endorse in parallel; left to the gateway, they endorse one after the other.
            options.SetEndorsingOrganizations(_endorsingOrganizations);
        }

        byte[] result;
        try
        {
            result = await _contract.SubmitAsync(Prefix + transaction, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException ex) when (EvidenceErrors.From(ex, transaction, evidenceId) is { } refused)
        {
            throw refused;
        }

        return EvidenceJson.Read<T>(result, $"the result of {transaction}");
    }

    private async Task<T> EvaluateAsync<T>(string transaction, string? evidenceId, ProposalOptions options, CancellationToken cancellationToken)
    {
        byte[] result;
        try
        {
            result = await _contract.EvaluateAsync(Prefix + transaction, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException ex) when (EvidenceErrors.From(ex, transaction, evidenceId) is { } refused)
        {
            throw refused;
        }

        return EvidenceJson.Read<T>(result, $"the result of {transaction}");
    }

    private Task<Page<T>> PageAsync<T>(string transaction, string[] arguments, int pageSize, string bookmark, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 100 items.");
        }

        ArgumentNullException.ThrowIfNull(bookmark);
        return EvaluateAsync<Page<T>>(transaction, null, Arguments([.. arguments, Number(pageSize), bookmark]), cancellationToken);
    }

    private async IAsyncEnumerable<T> AllAsync<T>(string transaction, string[] arguments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bookmark = string.Empty;
        do
        {
            var page = await PageAsync<T>(transaction, arguments, _options.PageSize, bookmark, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);
    }

    private sealed record OriginWire(string Operator, string Device, string AcquisitionTool, string AcquisitionToolVersion, string Place);

    private sealed record CaseDetailsWire(string Text);

    private sealed record PrivateDetailsWire(string EvidenceId, OriginWire Origin, CaseDetailsWire? CaseDetails);
}
