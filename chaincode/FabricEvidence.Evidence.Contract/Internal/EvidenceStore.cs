using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>
/// The ledger layout of the contract. Every key is a composite key, so no argument can reach a key of another kind:
/// items <c>evidence[id]</c>; indexes <c>evidence~case[case, id]</c>, <c>evidence~holder[msp, id]</c>,
/// <c>evidence~state[state, id]</c> (which also lists the items awaiting confirmation: <c>Submitted</c>),
/// <c>evidence~pending[disposal, id]</c> and
/// <c>evidence~pending[transfer, toMsp, id]</c>, <c>evidence~derivative[parent, id]</c>; append-only records
/// <c>evidence~access[id, time, txId]</c> and <c>evidence~integrity[id, time, txId]</c>; private keys
/// <c>origin[id]</c> and <c>caseDetails[id]</c>.
/// </summary>
/// <remarks>
/// The indexes of an item are a function of its record (<see cref="IndexKeys"/>), and <see cref="SaveAsync"/> writes
/// the difference between the old and the new set on every change, so they cannot drift from the records. The item
/// key carries a key-level endorsement policy: its holder's peers (and, while a transfer is offered, the receiver's).
/// </remarks>
internal sealed class EvidenceStore(IChaincodeStub stub)
{
    public const string ItemType = "evidence";
    public const string CaseIndex = "evidence~case";
    public const string HolderIndex = "evidence~holder";
    public const string StateIndex = "evidence~state";
    public const string PendingIndex = "evidence~pending";
    public const string DerivativeIndex = "evidence~derivative";
    public const string AccessType = "evidence~access";
    public const string IntegrityType = "evidence~integrity";
    public const string OriginType = "origin";
    public const string CaseDetailsType = "caseDetails";
    public const string PendingTransfer = "transfer";
    public const string PendingDisposal = "disposal";

    // Fabric reads an empty value as a delete, so index entries hold one byte.
    private static readonly byte[] Marker = [0];

    public IChaincodeStub Stub => stub;

    public string ItemKey(string id) => stub.CreateCompositeKey(ItemType, [id]);

    public string OriginKey(string id) => stub.CreateCompositeKey(OriginType, [id]);

    public string CaseDetailsKey(string id) => stub.CreateCompositeKey(CaseDetailsType, [id]);

    public async Task<EvidenceRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var value = await stub.GetStateAsync(ItemKey(id), cancellationToken).ConfigureAwait(false);
        return value is null ? null : ChaincodeJson.Deserialize<EvidenceRecord>(value);
    }

    public async Task<EvidenceRecord> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw Errors.NotFound($"Evidence {id} does not exist.");

    /// <summary>Writes a new or changed record, its index changes and, when the endorsing organisations change, its key policy.</summary>
    public async Task SaveAsync(EvidenceRecord? before, EvidenceRecord after, CancellationToken cancellationToken)
    {
        var key = ItemKey(after.Id);
        await stub.PutStateAsync(key, ChaincodeJson.Serialize(after), cancellationToken).ConfigureAwait(false);
        var old = before is null ? [] : IndexKeys(before);
        var now = IndexKeys(after);
        foreach (var stale in old.Except(now, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await stub.DeleteStateAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        foreach (var added in now.Except(old, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await stub.PutStateAsync(added, Marker, cancellationToken).ConfigureAwait(false);
        }

        var endorsers = Endorsers(after);
        if (before is null || !Endorsers(before).SequenceEqual(endorsers, StringComparer.Ordinal))
        {
            var policy = new KeyEndorsementPolicy();
            policy.AddOrgs(KeyEndorsementRole.Peer, [.. endorsers]);
            await stub.SetStateValidationParameterAsync(key, policy.GetPolicy(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The organisations whose peers must endorse a change of the item: the holder, and the receiver of an open offer.</summary>
    public static IReadOnlyList<string> Endorsers(EvidenceRecord record) =>
        record.Transfer is { } offer ? new[] { record.Holder, offer.ToMspId }.Order(StringComparer.Ordinal).ToArray() : [record.Holder];

    /// <summary>Every index entry the record must have, and no other.</summary>
    public List<string> IndexKeys(EvidenceRecord record)
    {
        var keys = new List<string>
        {
            stub.CreateCompositeKey(CaseIndex, [record.CaseReference, record.Id]),
            stub.CreateCompositeKey(HolderIndex, [record.Holder, record.Id]),
            stub.CreateCompositeKey(StateIndex, [record.State.ToString(), record.Id]),
        };
        // No pending[confirmation] entry: it would be exactly the state[Submitted] entries, one more write per
        // submission and one more delete per confirmation for an index that already exists.
        if (record.Transfer is { } offer)
        {
            keys.Add(stub.CreateCompositeKey(PendingIndex, [PendingTransfer, offer.ToMspId, record.Id]));
        }

        if (record.Disposal is { Approved: null })
        {
            keys.Add(stub.CreateCompositeKey(PendingIndex, [PendingDisposal, record.Id]));
        }

        if (record.Derivation is { } derivation)
        {
            keys.Add(stub.CreateCompositeKey(DerivativeIndex, [derivation.ParentId, record.Id]));
        }

        return keys;
    }

    /// <summary>One page of an index, as records. Entries that do not match their record (written by anything but this contract) are skipped.</summary>
    public async Task<EvidencePage> PageAsync(string index, string[] attributes, int pageSize, string bookmark, CancellationToken cancellationToken)
    {
        var start = Bookmarks.Decode(bookmark, stub.CreateCompositeKey(index, attributes), "bookmark");
        var page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync(index, attributes, pageSize, start, cancellationToken).ConfigureAwait(false);
        var ids = page.Records.Select(r => stub.SplitCompositeKey(r.Key).Attributes[^1]).ToList();
        var values = await stub.GetMultipleStatesAsync(ids.Select(ItemKey).ToList(), cancellationToken).ConfigureAwait(false);
        var items = new List<EvidenceRecord>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (values[i] is { } value && ChaincodeJson.Deserialize<EvidenceRecord>(value) is var record
                && IndexKeys(record).Contains(page.Records[i].Key, StringComparer.Ordinal))
            {
                items.Add(record);
            }
        }

        return new EvidencePage(items, Bookmarks.Encode(page.Bookmark));
    }

    /// <summary>Appends a record under <c>type[id, time, txId]</c>: time-ordered, and never contended by other transactions.</summary>
    public Task AppendAsync<T>(string type, string id, T value, CancellationToken cancellationToken) =>
        stub.PutStateAsync(stub.CreateCompositeKey(type, [id, stub.TxTimestamp.ToString(), stub.TxId]), ChaincodeJson.Serialize(value), cancellationToken);

    /// <summary>One page of records written by <see cref="AppendAsync"/>, oldest first.</summary>
    public async Task<(List<T> Items, string Bookmark)> AppendedPageAsync<T>(string type, string id, int pageSize, string bookmark, CancellationToken cancellationToken)
    {
        var start = Bookmarks.Decode(bookmark, stub.CreateCompositeKey(type, [id]), "bookmark");
        var page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync(type, [id], pageSize, start, cancellationToken).ConfigureAwait(false);
        return (page.Records.Select(r => ChaincodeJson.Deserialize<T>(r.Value)).ToList(), Bookmarks.Encode(page.Bookmark));
    }
}
