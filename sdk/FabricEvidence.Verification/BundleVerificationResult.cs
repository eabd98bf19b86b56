namespace FabricEvidence.Verification;

/// <summary>
/// The outcome of verifying a bundle: the verdict, every check made (in order), and what a report needs: the items
/// with their custody timelines, the chaincode definition, the organisations and their trust anchors, and the hash of
/// the last block (to compare with the network's, if one is reachable).
/// </summary>
public sealed class BundleVerificationResult
{
    internal BundleVerificationResult()
    {
    }

    /// <summary>The verdict: <see cref="VerificationVerdict.NotVerified"/> if any check failed.</summary>
    public VerificationVerdict Verdict { get; internal init; }

    /// <summary>Whether the verdict is <see cref="VerificationVerdict.Verified"/>.</summary>
    public bool IsVerified => Verdict == VerificationVerdict.Verified;

    /// <summary>Every check made, in the order made.</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; internal init; } = [];

    /// <summary>The failed checks.</summary>
    public IEnumerable<VerificationCheck> Failures => Checks.Where(c => c.Outcome == CheckOutcome.Failed);

    /// <summary>The channel, as the manifest names it (empty when the bundle could not be read).</summary>
    public string Channel { get; internal init; } = string.Empty;

    /// <summary>The chaincode, as the manifest names it.</summary>
    public string Chaincode { get; internal init; } = string.Empty;

    /// <summary>The items, in manifest order.</summary>
    public IReadOnlyList<VerifiedItem> Items { get; internal init; } = [];

    /// <summary>Every item transaction, in ledger order.</summary>
    public IReadOnlyList<VerifiedTransaction> Transactions { get; internal init; } = [];

    /// <summary>The chaincode definitions the transactions ran under.</summary>
    public IReadOnlyList<VerifiedChaincodeDefinition> ChaincodeDefinitions { get; internal init; } = [];

    /// <summary>The organisations whose identities signed, with their root CAs.</summary>
    public IReadOnlyList<VerifiedOrganization> Organizations { get; internal init; } = [];

    /// <summary>The first block of the hash chain.</summary>
    public ulong FirstBlock { get; internal init; }

    /// <summary>The last block of the hash chain.</summary>
    public ulong LastBlock { get; internal init; }

    /// <summary>The header hash of the last block, lowercase hexadecimal (as the next block's <c>previous_hash</c> would be), or empty.</summary>
    public string LastBlockHash { get; internal init; } = string.Empty;
}
