using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// A synthetic ledger with one evidence item and its custody story (submission, storage confirmation, an access,
/// a transfer offer and its acceptance), unrelated blocks in between, and the bundle built from it.
/// </summary>
internal sealed class Scenario : IDisposable
{
    public static readonly byte[] File = "the evidence file: a phone image"u8.ToArray();

    private Scenario(EvidenceLedger ledger, EvidenceItem item)
    {
        Ledger = ledger;
        Item = item;
    }

    public EvidenceLedger Ledger { get; }

    public EvidenceItem Item { get; }

    public static Scenario Create(Action<EvidenceLedger, EvidenceItem>? story = null, ApplicationPolicy? policy = null, bool withIntermediate = false, string algorithm = DigestAlgorithms.Sha256)
    {
        var ledger = EvidenceLedger.Create(policy, withIntermediate);
        var item = ledger.NewItem("EV-2024-0001", File, algorithm, algorithm == DigestAlgorithms.Sm3 ? f => FileDigest.Compute(f, DigestAlgorithms.Sm3) : null);
        (story ?? FullStory)(ledger, item);
        return new Scenario(ledger, item);
    }

    public static void FullStory(EvidenceLedger ledger, EvidenceItem item)
    {
        ledger.CommitUnrelated();
        ledger.Commit(ledger.Submit(item));
        ledger.CommitUnrelated();
        ledger.CommitUnrelated();
        ledger.Commit(ledger.ConfirmStorage(item));
        ledger.Commit(ledger.RecordAccess(item), ledger.OfferTransfer(item));
        ledger.CommitUnrelated();
        ledger.Commit(ledger.AcceptTransfer(item));
    }

    public InMemoryBlockSource Source => new(Ledger.Channel.Blocks.Select(b => (ReadOnlyMemory<byte>)b));

    public Task<EvidenceBundle> BundleAsync() => new EvidenceBundleBuilder(Source).BuildAsync(new BundleRequest
    {
        Chaincode = Ledger.Chaincode,
        Items = [new BundleItemRequest { ItemId = Item.Id, TransactionIds = Item.TransactionIds }],
    });

    public void Dispose() => Ledger.Dispose();
}
