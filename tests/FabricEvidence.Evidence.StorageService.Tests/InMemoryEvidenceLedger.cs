using FabricEvidence.Evidence.Storage;
using System.Security.Cryptography;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>
/// A ledger in memory that enforces what the evidence contract enforces for the calls the service makes, for the unit
/// tests and the benchmark (the service itself runs only against Fabric). Thread-safe.
/// </summary>
public sealed class InMemoryEvidenceLedger : IEvidenceLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LedgerItem> _items = new(StringComparer.Ordinal);
    private readonly List<LedgerAccessRecord> _accessRecords = [];
    private readonly List<StorageConfirmation> _confirmations = [];
    private readonly List<IntegrityAttestation> _integrityChecks = [];

    /// <summary>When true, every call fails as a ledger that cannot be reached does. Defaults to false.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The storage confirmations committed so far, oldest first.</summary>
    public IReadOnlyList<StorageConfirmation> Confirmations
    {
        get
        {
            lock (_lock)
            {
                return [.. _confirmations];
            }
        }
    }

    /// <summary>The integrity checks recorded so far, oldest first.</summary>
    public IReadOnlyList<IntegrityAttestation> IntegrityChecks
    {
        get
        {
            lock (_lock)
            {
                return [.. _integrityChecks];
            }
        }
    }

    /// <summary>Records a submission (what an investigator's <c>Submit</c> does).</summary>
    /// <param name="evidenceId">The item's id.</param>
    /// <param name="digest">The declared digest.</param>
    /// <param name="size">The declared size.</param>
    /// <param name="submitter">The submitting party.</param>
    /// <exception cref="InvalidOperationException">The id is taken.</exception>
    public LedgerItem Submit(string evidenceId, ContentDigest digest, long size, LedgerParty submitter)
    {
        var item = new LedgerItem(evidenceId, LedgerItemState.Submitted, digest, size, submitter, null);
        lock (_lock)
        {
            if (!_items.TryAdd(evidenceId, item))
            {
                throw new InvalidOperationException($"conflict: the item '{evidenceId}' exists.");
            }
        }

        return item;
    }

    /// <summary>Records a read of a stored item's content (what <c>RecordAccess</c> does); returns the record with its transaction id.</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="accessor">Who reads.</param>
    /// <param name="purpose">Why.</param>
    /// <param name="recordedAt">The transaction time; defaults to now.</param>
    /// <exception cref="InvalidOperationException">The item does not exist or is not stored.</exception>
    public LedgerAccessRecord RecordAccess(string evidenceId, LedgerParty accessor, string purpose, DateTimeOffset? recordedAt = null)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(evidenceId, out var item) || item.State != LedgerItemState.Stored)
            {
                throw new InvalidOperationException($"wrong-state: the item '{evidenceId}' is not stored.");
            }

            var record = new LedgerAccessRecord(evidenceId, NewTransactionId(), accessor, purpose, recordedAt ?? DateTimeOffset.UtcNow);
            _accessRecords.Add(record);
            return record;
        }
    }

    /// <summary>Sets an item's state, for tests of states the service does not cause (a disposal, say).</summary>
    /// <param name="evidenceId">The item.</param>
    /// <param name="state">The new state.</param>
    /// <exception cref="KeyNotFoundException">The item does not exist.</exception>
    public void SetState(string evidenceId, LedgerItemState state)
    {
        lock (_lock)
        {
            _items[evidenceId] = _items[evidenceId] with { State = state };
        }
    }

    /// <inheritdoc />
    public Task<LedgerItem?> GetItemAsync(string evidenceId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        lock (_lock)
        {
            return Task.FromResult(_items.GetValueOrDefault(evidenceId));
        }
    }

    /// <inheritdoc />
    public Task<LedgerTransactionResult> ConfirmStorageAsync(StorageConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ThrowIfUnavailable();
        lock (_lock)
        {
            var item = Find(confirmation.EvidenceId);
            if (item.State != LedgerItemState.Submitted)
            {
                throw new EvidenceLedgerException("conflict", $"conflict: storage of '{item.EvidenceId}' was already confirmed.");
            }

            if (confirmation.ComputedDigest.Algorithm != item.Digest.Algorithm)
            {
                throw new EvidenceLedgerException("invalid-argument", $"invalid-argument: the item's digest algorithm is {item.Digest.Algorithm.Name}.");
            }

            var matched = confirmation.ComputedDigest == item.Digest && confirmation.Size == item.Size;
            var state = matched ? LedgerItemState.Stored : LedgerItemState.Rejected;
            _items[item.EvidenceId] = item with
            {
                State = state,
                Storage = new LedgerStorageRecord(confirmation.ComputedDigest, confirmation.Size, confirmation.ObjectLocation, confirmation.ObjectVersion),
            };
            _confirmations.Add(confirmation);
            return Task.FromResult(new LedgerTransactionResult(NewTransactionId(), state, matched));
        }
    }

    /// <inheritdoc />
    public Task<LedgerAccessRecord?> FindAccessRecordAsync(string evidenceId, string transactionId, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        lock (_lock)
        {
            return Task.FromResult(_accessRecords.Find(r => r.EvidenceId == evidenceId && r.TransactionId == transactionId));
        }
    }

    /// <inheritdoc />
    public Task<LedgerTransactionResult> RecordIntegrityCheckAsync(IntegrityAttestation attestation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ThrowIfUnavailable();
        lock (_lock)
        {
            var item = Find(attestation.EvidenceId);
            if (item.State != LedgerItemState.Stored)
            {
                throw new EvidenceLedgerException("wrong-state", $"wrong-state: '{item.EvidenceId}' is {item.State}.");
            }

            if (attestation.ComputedDigest.Algorithm != item.Digest.Algorithm)
            {
                throw new EvidenceLedgerException("invalid-argument", $"invalid-argument: the item's digest algorithm is {item.Digest.Algorithm.Name}.");
            }

            _integrityChecks.Add(attestation);
            return Task.FromResult(new LedgerTransactionResult(NewTransactionId(), item.State, attestation.ComputedDigest == item.Digest));
        }
    }

    private LedgerItem Find(string evidenceId) =>
        _items.TryGetValue(evidenceId, out var item) ? item : throw new EvidenceLedgerException("not-found", $"not-found: no item '{evidenceId}'.");

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new EvidenceLedgerException(EvidenceLedgerException.UnavailableCode, "The ledger cannot be reached (in-memory ledger set unavailable).");
        }
    }

    private static string NewTransactionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
