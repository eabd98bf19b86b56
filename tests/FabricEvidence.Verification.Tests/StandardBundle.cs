namespace FabricEvidence.Verification.Tests;

/// <summary>
/// The standard scenario's bundle, built once per test class: block 0 genesis, 1 the chaincode definition, 2 unrelated,
/// 3 Submit, 4–5 unrelated, 6 ConfirmStorage, 7 RecordAccess + OfferTransfer, 8 unrelated, 9 AcceptTransfer.
/// </summary>
public sealed class StandardBundle : IDisposable
{
    public const ulong DefinitionBlock = 1;
    public const ulong SubmitBlock = 3;
    public const ulong ConfirmBlock = 6;
    public const ulong AccessAndOfferBlock = 7;
    public const ulong AcceptBlock = 9;

    private readonly Scenario _scenario = Scenario.Create();

    public StandardBundle()
    {
        Bundle = _scenario.BundleAsync().GetAwaiter().GetResult();
    }

    public EvidenceBundle Bundle { get; }

    public EvidenceLedger Ledger => _scenario.Ledger;

    public EvidenceItem Item => _scenario.Item;

    public string SubmitTx => Item.TransactionIds[0];

    public string ConfirmTx => Item.TransactionIds[1];

    public string AccessTx => Item.TransactionIds[2];

    public string OfferTx => Item.TransactionIds[3];

    public string AcceptTx => Item.TransactionIds[4];

    public static Task<BundleVerificationResult> VerifyAsync(EvidenceBundle bundle, byte[]? file = null, BundleVerifierOptions? options = null) =>
        new BundleVerifier(options ?? new BundleVerifierOptions()).VerifyAsync(bundle, new MemoryStream(file ?? Scenario.File));

    public void Dispose() => _scenario.Dispose();
}
