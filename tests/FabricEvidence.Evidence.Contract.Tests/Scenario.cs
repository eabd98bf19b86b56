using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.Testing;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>A whole life of several items touching every transaction, for the tests that look at the ledger as a whole.</summary>
internal static class Scenario
{
    public static async Task<List<TestTransactionResult>> RunAsync(Ledger ledger)
    {
        var results = new List<TestTransactionResult>();
        async Task Run(TestIdentity identity, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null) =>
            results.Add((await ledger.SubmitAsync(identity, function, args, transient)).EnsureSuccess());
        async Task Query(string function, params string[] args) =>
            results.Add((await ledger.EvaluateAsync(Judge, function, args)).EnsureSuccess());

        var expiring = "2024-01-01T01:00:00Z";
        await Run(Investigator1, "Submit", ["EV-1", "CASE-7", "Phone image", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "application/octet-stream", expiring], Ledger.Transient());
        await Run(Investigator1, "Submit", ["EV-2", "CASE-7", "Laptop image", DigestAlgorithms.Sm3, Ledger.Sm3, "2048", "application/octet-stream", Ledger.Retention], Ledger.Transient(withDetails: false));
        await Run(Investigator2, "Submit", ["EV-3", "CASE-8", "Camera card", DigestAlgorithms.Sha256, Ledger.Sha, "4096", "image/jpeg", expiring], Ledger.Transient());
        await Run(Investigator1, "Submit", ["EV-4", "CASE-7", "USB stick", DigestAlgorithms.Sha256, Ledger.Sha, "10", "application/octet-stream", Ledger.Retention], Ledger.Transient());
        await Run(Storage1, "ConfirmStorage", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "s3://evidence/EV-1", "v1"]);
        await Run(Storage1, "ConfirmStorage", ["EV-2", DigestAlgorithms.Sm3, Ledger.Sm3, "2048", "s3://evidence/EV-2", "v1"]);
        await Run(Storage2, "ConfirmStorage", ["EV-3", DigestAlgorithms.Sha256, Ledger.OtherSha, "4096", "s3://evidence/EV-3", "v1"]);
        await Run(Investigator1, "RegisterDerivative", ["EV-2-X", "EV-2", "Chat export", DigestAlgorithms.Sha256, Ledger.OtherSha, "99", "text/csv", "Extractor", "2.0"], Ledger.Transient());
        await Run(Storage1, "ConfirmStorage", ["EV-2-X", DigestAlgorithms.Sha256, Ledger.OtherSha, "99", "s3://evidence/EV-2-X", "v1"]);
        await Run(Investigator1, "RecordAccess", ["EV-2", "Analysis"]);
        await Run(Storage1, "RecordIntegrityCheck", ["EV-2", DigestAlgorithms.Sm3, Ledger.Sm3, "v1"]);
        await Run(Storage1, "RecordIntegrityCheck", ["EV-2-X", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);
        await Run(Custodian1, "OfferTransfer", ["EV-2", "Org2MSP", "Expert opinion"]);
        await Run(Custodian2, "AcceptTransfer", ["EV-2"]);
        await Run(Custodian2, "OfferTransfer", ["EV-2", "Org1MSP", "Return"]);
        await Run(Custodian1, "DeclineTransfer", ["EV-2", "Not yet"]);
        await Run(Judge, "PlaceHold", ["EV-2", "ORDER-1", "Trial"]);
        await Run(Prosecutor1, "PlaceHold", ["EV-2", "PROS-1", "Investigation"]);
        await Run(Prosecutor1, "LiftHold", ["EV-2", "PROS-1", "Investigation closed"]);
        await Run(Prosecutor1, "Invalidate", ["EV-2-X", "Tool not validated"]);
        await Run(Judge, "SetRetention", ["EV-2", "2035-01-01T00:00:00Z", "Appeal"]);
        await Run(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Expert opinion"]);
        await Run(Custodian1, "WithdrawTransfer", ["EV-1", "Changed"]);
        ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");
        await Run(Custodian1, "RequestDisposal", ["EV-1", "Retention over"]);
        await Run(Judge, "ApproveDisposal", ["EV-1", "Case closed"]);
        await Run(Custodian2, "RequestDisposal", ["EV-3", "Rejected copy"]);
        await Run(Prosecutor2, "DeclineDisposal", ["EV-3", "Needed for the appeal"]);
        await Run(Custodian2, "RequestDisposal", ["EV-3", "Appeal withdrawn"]);
        await Run(Custodian2, "WithdrawDisposal", ["EV-3", "Asked to wait"]);
        await Run(Custodian2, "RequestDisposal", ["EV-3", "Rejected copy, appeal over"]);
        await Query("GetHistory", "EV-2");
        await Query("GetLineage", "EV-2-X");
        await Query("ListByCase", "CASE-7", "2", string.Empty);
        await Query("VerifyPrivateDetails", "EV-1");
        await Query("ListPendingDisposals", "10", string.Empty);
        return results;
    }
}
