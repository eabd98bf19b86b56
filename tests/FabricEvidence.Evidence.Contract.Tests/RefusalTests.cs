using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.Testing;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>
/// Malformed and unauthorised calls against a ledger holding an item in every situation. Each must be refused with its
/// code and leave the ledger exactly as it was.
/// </summary>
public sealed class RefusalTests : IAsyncLifetime
{
    private const string NotFound = EvidenceErrorCodes.NotFound;
    private const string Conflict = EvidenceErrorCodes.Conflict;
    private const string Forbidden = EvidenceErrorCodes.Forbidden;
    private const string Invalid = EvidenceErrorCodes.InvalidArgument;
    private const string WrongState = EvidenceErrorCodes.WrongState;
    private const string OldRetention = "2024-01-01T00:30:00Z";

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    private readonly Ledger _ledger = new();

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    /// <summary>
    /// The world: EV-SUB submitted; EV-STORED, EV-SM3 stored; EV-REJ rejected; EV-HELD held by a judge (H1) and a
    /// prosecutor (P1); EV-OFFER offered to Org2; EV-INV invalidated; EV-OLD past retention; EV-PEND with a disposal
    /// request; EV-DISP disposed; EV-DERIV a submitted derivative of EV-STORED. The clock is then past EV-OLD's retention.
    /// </summary>
    public async Task InitializeAsync()
    {
        (await _ledger.SubmitItemAsync("EV-SUB")).EnsureSuccess();
        await _ledger.StoreAsync("EV-STORED");
        await _ledger.StoreAsync("EV-SM3", algorithm: DigestAlgorithms.Sm3, digest: Ledger.Sm3);
        (await _ledger.SubmitItemAsync("EV-REJ")).EnsureSuccess();
        await _ledger.ConfirmAsync("EV-REJ", digest: Ledger.OtherSha);
        await _ledger.StoreAsync("EV-HELD");
        await _ledger.OkAsync<EvidenceRecord>(Judge, "PlaceHold", ["EV-HELD", "H1", "Court order 2024/17"]);
        await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "PlaceHold", ["EV-HELD", "P1", "Prosecution request"]);
        await _ledger.StoreAsync("EV-OFFER");
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-OFFER", "Org2MSP", "For analysis"]);
        await _ledger.StoreAsync("EV-INV");
        await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "Invalidate", ["EV-INV", "Obtained without a warrant"]);
        await _ledger.StoreAsync("EV-OLD", retainUntil: OldRetention);
        await _ledger.StoreAsync("EV-PEND", retainUntil: OldRetention);
        await _ledger.StoreAsync("EV-DISP", retainUntil: OldRetention);
        await _ledger.OkAsync<EvidenceRecord>(Investigator1, "RegisterDerivative", ["EV-DERIV", "EV-STORED", "Extraction", DigestAlgorithms.Sha256, Ledger.OtherSha, "10", "text/plain", "Extractor", "1.0"], Ledger.Transient());
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-01T01:00:00Z");
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-PEND", "Retention expired"]);
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-DISP", "Retention expired"]);
        await _ledger.OkAsync<EvidenceRecord>(Judge, "ApproveDisposal", ["EV-DISP", "Case closed"]);
    }

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public void At_least_fifty_refusals_are_tested_with_every_code()
    {
        Assert.True(Cases.Count >= 50, $"{Cases.Count} cases");
        Assert.Equal(
            new[] { Conflict, Forbidden, Invalid, NotFound, WrongState },
            Cases.Values.Select(c => c.Code).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Call_is_refused_with_its_code_and_writes_nothing(string name)
    {
        var c = Cases[name];

        var result = await _ledger.RefusedAsync(c.Code, () => _ledger.Host.InvokeAsync(new TestTransaction
        {
            Function = EvidenceContract.ContractName + ":" + c.Function,
            Args = c.Args,
            Identity = c.Identity,
            Transient = c.Transient,
            Submit = !c.Evaluate,
        }));

        Assert.Null(result.Event);
        if (c.MessageContains is not null)
        {
            Assert.Contains(c.MessageContains, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refusals_that_concern_private_input_never_echo_it()
    {
        var secret = "Secret Witness Name";
        var transient = new Dictionary<string, byte[]> { [EvidenceTransientKeys.Origin] = Encoding.UTF8.GetBytes($$"""{"operator":"{{secret}}"}""") };

        var result = await _ledger.RefusedAsync(Invalid, () => _ledger.SubmitAsync(Investigator1, "Submit", SubmitArgs("EV-NEW"), transient));

        Assert.DoesNotContain(secret, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", result.Message, StringComparison.Ordinal);
    }

    private static string[] SubmitArgs(
        string id = "EV-NEW",
        string caseReference = "CASE-1",
        string description = "Laptop image",
        string algorithm = DigestAlgorithms.Sha256,
        string digest = Ledger.Sha,
        string size = "1024",
        string mediaType = "application/octet-stream",
        string retainUntil = Ledger.Retention) =>
        [id, caseReference, description, algorithm, digest, size, mediaType, retainUntil];

    private static string[] DerivativeArgs(string id = "EV-NEWD", string parent = "EV-STORED") =>
        [id, parent, "Extraction", DigestAlgorithms.Sha256, Ledger.OtherSha, "10", "text/plain", "Extractor", "1.0"];

    private static Dictionary<string, byte[]> Only(string key, byte[] value) => new() { [key] = value };

    private static Dictionary<string, byte[]> WithOrigin(string json) => Only(EvidenceTransientKeys.Origin, Encoding.UTF8.GetBytes(json));

    private static Dictionary<string, Case> BuildCases()
    {
        var transient = Ledger.Transient();
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        void Add(string name, string code, TestIdentity identity, string function, string[] args, IReadOnlyDictionary<string, byte[]>? t = null, bool evaluate = false, string? contains = null) =>
            cases.Add(name, new Case(code, identity, function, args, t, evaluate, contains));
        void Submit(string name, string code, string[] args, IReadOnlyDictionary<string, byte[]>? t = null, TestIdentity? identity = null, string? contains = null) =>
            Add(name, code, identity ?? Investigator1, "Submit", args, t ?? transient, contains: contains);

        // Submission: who may submit.
        Submit("Submit without a role attribute", Forbidden, SubmitArgs(), identity: NoRole, contains: "has no 'role' attribute");
        Submit("Submit with an unknown role", Forbidden, SubmitArgs(), identity: Clerk, contains: "\"clerk\"");
        Submit("Submit by the storage role", Forbidden, SubmitArgs(), identity: Storage1);
        Submit("Submit by a custodian", Forbidden, SubmitArgs(), identity: Custodian1);

        // Submission: ids and key injection.
        Submit("Id with U+0000 (composite-key separator)", Invalid, SubmitArgs(id: "EV\u0000x"), contains: "U+0000");
        Submit("Id that is a whole composite key", Invalid, SubmitArgs(id: "\u0000evidence\u0000EV-STORED\u0000"));
        Submit("Id with U+10FFFF (range end of partial keys)", Invalid, SubmitArgs(id: "EV\U0010FFFF"));
        Submit("Id with a space", Invalid, SubmitArgs(id: "EV 1"));
        Submit("Id with a tilde", Invalid, SubmitArgs(id: "evidence~case"));
        Submit("Id of 65 characters", Invalid, SubmitArgs(id: new string('a', 65)), contains: "65 characters");
        Submit("Empty id", Invalid, SubmitArgs(id: string.Empty));
        Submit("Id starting with a dot", Invalid, SubmitArgs(id: ".hidden"));
        Submit("Id with a non-ASCII letter", Invalid, SubmitArgs(id: "EVé"));
        Submit("Case reference with U+0000", Invalid, SubmitArgs(caseReference: "CASE\u00001"));
        Submit("Case reference of 65 characters", Invalid, SubmitArgs(caseReference: new string('C', 65)));

        // Submission: text fields.
        Submit("Blank description", Invalid, SubmitArgs(description: "   "));
        Submit("Description with a bell character", Invalid, SubmitArgs(description: "Phone\u0007"), contains: "U+0007");
        Submit("Description with a line feed", Invalid, SubmitArgs(description: "Phone\nimage"));
        Submit("Description with a right-to-left override", Invalid, SubmitArgs(description: "Phone \u202Egpj.exe"), contains: "U+202E");
        Submit("Description with a C1 control", Invalid, SubmitArgs(description: "Phone\u0085"));
        Submit("Description with a line separator", Invalid, SubmitArgs(description: "Phone\u2028image"), contains: "U+2028");
        Submit("Description of 1025 characters", Invalid, SubmitArgs(description: new string('d', 1025)), contains: "1025");

        // Submission: digests, for each algorithm.
        Submit("Unknown algorithm MD5", Invalid, SubmitArgs(algorithm: "MD5"));
        Submit("Algorithm in lowercase", Invalid, SubmitArgs(algorithm: "sha-256"));
        Submit("SHA-256 digest in uppercase", Invalid, SubmitArgs(digest: Ledger.Sha.ToUpperInvariant()), contains: "SHA-256");
        Submit("SHA-256 digest of 63 digits", Invalid, SubmitArgs(digest: Ledger.Sha[..63]), contains: "63 characters");
        Submit("SHA-256 digest of 65 digits", Invalid, SubmitArgs(digest: Ledger.Sha + "0"));
        Submit("SHA-256 digest with a non-hex letter", Invalid, SubmitArgs(digest: "g" + Ledger.Sha[1..]), contains: "index 0");
        Submit("SHA-256 digest in base64", Invalid, SubmitArgs(digest: "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="));
        Submit("SM3 digest in uppercase", Invalid, SubmitArgs(algorithm: DigestAlgorithms.Sm3, digest: Ledger.Sm3.ToUpperInvariant()), contains: "SM3");
        Submit("SM3 digest of 63 digits", Invalid, SubmitArgs(algorithm: DigestAlgorithms.Sm3, digest: Ledger.Sm3[..63]));
        Submit("SM3 digest with a non-hex letter", Invalid, SubmitArgs(algorithm: DigestAlgorithms.Sm3, digest: Ledger.Sm3[..63] + "z"));
        Submit("Empty SM3 digest", Invalid, SubmitArgs(algorithm: DigestAlgorithms.Sm3, digest: string.Empty));
        Submit("SM3 digest with a 0x prefix", Invalid, SubmitArgs(algorithm: DigestAlgorithms.Sm3, digest: "0x" + Ledger.Sm3[2..]));

        // Submission: sizes, media types, retention.
        Submit("Negative size", Invalid, SubmitArgs(size: "-1"));
        Submit("Size with a leading zero", Invalid, SubmitArgs(size: "01"));
        Submit("Size beyond a long", Invalid, SubmitArgs(size: "9223372036854775808"));
        Submit("Size in words", Invalid, SubmitArgs(size: "ten"));
        Submit("Media type without subtype", Invalid, SubmitArgs(mediaType: "jpeg"));
        Submit("Media type with parameters", Invalid, SubmitArgs(mediaType: "text/plain; charset=utf-8"));
        Submit("Retention date without a time zone", Invalid, SubmitArgs(retainUntil: "2030-01-01T00:00:00"));
        Submit("Retention date in the past", Invalid, SubmitArgs(retainUntil: "2020-01-01T00:00:00Z"), contains: "not after the transaction's time");

        // Submission: private input.
        Submit("No transient data at all", Invalid, SubmitArgs(), t: new Dictionary<string, byte[]>(), contains: "no 'origin'");
        Submit("Case details without origin", Invalid, SubmitArgs(), t: Only(EvidenceTransientKeys.CaseDetails, Ledger.Details()));
        Submit("Origin that is not JSON", Invalid, SubmitArgs(), t: WithOrigin("operator=Jane"));
        Submit("Origin that is not canonical JSON", Invalid, SubmitArgs(), t: WithOrigin(Encoding.UTF8.GetString(Ledger.Origin()).Replace(",", ", ", StringComparison.Ordinal)), contains: "RFC 8785");
        Submit("Origin without a place", Invalid, SubmitArgs(), t: WithOrigin($$"""{"acquisitionTool":"t","acquisitionToolVersion":"1","device":"d","operator":"o","salt":"{{Ledger.Salt}}"}"""));
        Submit("Origin with an extra member", Invalid, SubmitArgs(), t: WithOrigin($$"""{"acquisitionTool":"t","acquisitionToolVersion":"1","device":"d","name":"x","operator":"o","place":"p","salt":"{{Ledger.Salt}}"}"""));
        Submit("Origin with a short salt", Invalid, SubmitArgs(), t: Only(EvidenceTransientKeys.Origin, Ledger.Origin(salt: "short")), contains: "salt");
        Submit("Origin with a control character", Invalid, SubmitArgs(), t: Only(EvidenceTransientKeys.Origin, Ledger.Origin(operatorName: "Jane\u0000Doe")));
        Submit("Origin field of 257 characters", Invalid, SubmitArgs(), t: Only(EvidenceTransientKeys.Origin, Ledger.Origin(operatorName: new string('o', 257))));
        Submit("Transient key the contract does not read", Invalid, SubmitArgs(), t: new Dictionary<string, byte[]>(transient) { ["photo"] = [1, 2, 3] }, contains: "\"photo\"");
        Submit("Case details beyond the limit", Invalid, SubmitArgs(), t: new Dictionary<string, byte[]>(transient) { [EvidenceTransientKeys.CaseDetails] = Ledger.Details(new string('x', 32769)) });
        Submit("Submitting an existing id", Conflict, SubmitArgs(id: "EV-STORED"), contains: "already exists");
        Submit("Resubmitting a disposed id", Conflict, SubmitArgs(id: "EV-DISP"));

        // Storage confirmation.
        string[] Confirm(string id, string algorithm = DigestAlgorithms.Sha256, string digest = Ledger.Sha, string location = "s3://b/k") => [id, algorithm, digest, "1024", location, "v1"];
        Add("Confirmation by the investigator", Forbidden, Investigator1, "ConfirmStorage", Confirm("EV-SUB"));
        Add("Replayed confirmation", Conflict, Storage1, "ConfirmStorage", Confirm("EV-STORED"), contains: "already confirmed");
        Add("Second confirmation by another storage", Conflict, Storage2, "ConfirmStorage", Confirm("EV-STORED"));
        Add("Confirmation of a rejected item", Conflict, Storage1, "ConfirmStorage", Confirm("EV-REJ"));
        Add("Confirmation of an unknown item", NotFound, Storage1, "ConfirmStorage", Confirm("EV-NONE"));
        Add("Confirmation with another algorithm", Invalid, Storage1, "ConfirmStorage", Confirm("EV-SUB", DigestAlgorithms.Sm3, Ledger.Sm3), contains: "digested with SHA-256");
        Add("Confirmation with a malformed digest", Invalid, Storage1, "ConfirmStorage", Confirm("EV-SUB", digest: "abc"));
        Add("Confirmation with a line break in the location", Invalid, Storage1, "ConfirmStorage", Confirm("EV-SUB", location: "s3://b/k\nx"));
        Add("Confirmation with a size in hex", Invalid, Storage1, "ConfirmStorage", ["EV-SUB", DigestAlgorithms.Sha256, Ledger.Sha, "0x400", "s3://b/k", "v1"]);

        // Nothing else may happen to an unconfirmed item.
        Add("Offer of an unconfirmed item", WrongState, Custodian1, "OfferTransfer", ["EV-SUB", "Org2MSP", "Analysis"], contains: "awaiting storage confirmation");
        Add("Hold on an unconfirmed item", WrongState, Judge, "PlaceHold", ["EV-SUB", "H9", "Order"]);
        Add("Access to an unconfirmed item", WrongState, Investigator1, "RecordAccess", ["EV-SUB", "Review"]);
        Add("Invalidation of an unconfirmed item", WrongState, Judge, "Invalidate", ["EV-SUB", "Unlawful"]);
        Add("Retention change of an unconfirmed item", WrongState, Judge, "SetRetention", ["EV-SUB", "2031-01-01T00:00:00Z", "Appeal"]);
        Add("Integrity check of an unconfirmed item", WrongState, Storage1, "RecordIntegrityCheck", ["EV-SUB", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);
        Add("Derivative of an unconfirmed item", WrongState, Investigator1, "RegisterDerivative", DerivativeArgs(parent: "EV-SUB"), transient);

        // Custody transfer.
        Add("Offer by another organisation's custodian", Forbidden, Custodian2, "OfferTransfer", ["EV-STORED", "Org3MSP", "Analysis"], contains: "Org2MSP");
        Add("Offer by the holder's investigator", Forbidden, Investigator1, "OfferTransfer", ["EV-STORED", "Org2MSP", "Analysis"]);
        Add("Offer to the holder itself", Invalid, Custodian1, "OfferTransfer", ["EV-STORED", "Org1MSP", "Analysis"]);
        Add("Offer to an MSP id with U+0000", Invalid, Custodian1, "OfferTransfer", ["EV-STORED", "Org2MSP\u0000", "Analysis"]);
        Add("Offer of a held item", WrongState, Custodian1, "OfferTransfer", ["EV-HELD", "Org2MSP", "Analysis"], contains: "legal hold");
        Add("Second offer", Conflict, Custodian1, "OfferTransfer", ["EV-OFFER", "Org3MSP", "Analysis"]);
        Add("Offer of a rejected item", WrongState, Custodian1, "OfferTransfer", ["EV-REJ", "Org2MSP", "Analysis"]);
        Add("Offer of an item with a disposal request", WrongState, Custodian1, "OfferTransfer", ["EV-PEND", "Org2MSP", "Analysis"]);
        Add("Acceptance by a third organisation", Forbidden, Custodian3, "AcceptTransfer", ["EV-OFFER"], contains: "Org3MSP");
        Add("Acceptance by the offering organisation", Forbidden, Custodian1, "AcceptTransfer", ["EV-OFFER"]);
        Add("Acceptance by the receiver's investigator", Forbidden, Investigator2, "AcceptTransfer", ["EV-OFFER"]);
        Add("Acceptance without an offer", WrongState, Custodian2, "AcceptTransfer", ["EV-STORED"], contains: "No transfer");
        Add("Decline by the offering organisation", Forbidden, Custodian1, "DeclineTransfer", ["EV-OFFER", "No"]);
        Add("Withdrawal by the receiving organisation", Forbidden, Custodian2, "WithdrawTransfer", ["EV-OFFER", "No"]);
        Add("Withdrawal without an offer", WrongState, Custodian1, "WithdrawTransfer", ["EV-STORED", "Changed plans"]);

        // Legal holds.
        Add("Hold by a custodian", Forbidden, Custodian1, "PlaceHold", ["EV-STORED", "H2", "Order"]);
        Add("Hold id in use", Conflict, Judge, "PlaceHold", ["EV-HELD", "H1", "Again"]);
        Add("Hold id with a composite-key separator", Invalid, Judge, "PlaceHold", ["EV-STORED", "H\u00002", "Order"]);
        Add("Hold on a disposed item", WrongState, Judge, "PlaceHold", ["EV-DISP", "H2", "Order"], contains: "disposed of");
        Add("Lifting an unknown hold", NotFound, Judge, "LiftHold", ["EV-HELD", "H9", "Done"]);
        Add("Prosecutor lifting a judge's hold", Forbidden, Prosecutor1, "LiftHold", ["EV-HELD", "H1", "Done"], contains: "judge");
        Add("Prosecutor lifting another organisation's hold", Forbidden, Prosecutor2, "LiftHold", ["EV-HELD", "P1", "Done"]);
        Add("Investigator lifting a hold", Forbidden, Investigator1, "LiftHold", ["EV-HELD", "P1", "Done"]);

        // Retention and disposal.
        Add("Disposal request before the retention date", WrongState, Custodian1, "RequestDisposal", ["EV-STORED", "Done"], contains: "retained until");
        Add("Disposal request of a held item", WrongState, Custodian1, "RequestDisposal", ["EV-HELD", "Done"]);
        Add("Disposal request of an offered item", WrongState, Custodian1, "RequestDisposal", ["EV-OFFER", "Done"]);
        Add("Disposal request by another organisation", Forbidden, Custodian2, "RequestDisposal", ["EV-OLD", "Done"]);
        Add("Disposal request by a judge", Forbidden, Judge, "RequestDisposal", ["EV-OLD", "Done"]);
        Add("Second disposal request", Conflict, Custodian1, "RequestDisposal", ["EV-PEND", "Again"]);
        Add("Disposal approval by the custodian", Forbidden, Custodian1, "ApproveDisposal", ["EV-PEND", "Self-approved"]);
        Add("Disposal approval without a request", WrongState, Judge, "ApproveDisposal", ["EV-OLD", "Done"], contains: "No disposal");
        Add("Disposal approval of a disposed item", WrongState, Judge, "ApproveDisposal", ["EV-DISP", "Again"]);
        Add("Disposal decline without a request", WrongState, Prosecutor1, "DeclineDisposal", ["EV-OLD", "No"]);
        Add("Disposal withdrawal by a prosecutor", Forbidden, Prosecutor1, "WithdrawDisposal", ["EV-PEND", "No"]);
        Add("Retention change by a custodian", Forbidden, Custodian1, "SetRetention", ["EV-STORED", "2031-01-01T00:00:00Z", "Longer"]);
        Add("Retention change to a date that is not RFC 3339", Invalid, Judge, "SetRetention", ["EV-STORED", "01/01/2031", "Longer"]);
        Add("Retention change of a disposed item", WrongState, Judge, "SetRetention", ["EV-DISP", "2031-01-01T00:00:00Z", "Longer"]);

        // Invalidation.
        Add("Invalidation by an investigator", Forbidden, Investigator1, "Invalidate", ["EV-STORED", "Unlawful"]);
        Add("Second invalidation", Conflict, Judge, "Invalidate", ["EV-INV", "Again"]);
        Add("Invalidation without a reason", Invalid, Judge, "Invalidate", ["EV-STORED", string.Empty]);
        Add("Invalidation reason of 1025 characters", Invalid, Judge, "Invalidate", ["EV-STORED", new string('r', 1025)]);

        // Derivatives.
        Add("Derivative by another organisation", Forbidden, Investigator2, "RegisterDerivative", DerivativeArgs(), transient);
        Add("Derivative of an unknown parent", NotFound, Investigator1, "RegisterDerivative", DerivativeArgs(parent: "EV-NONE"), transient);
        Add("Derivative of itself", Invalid, Investigator1, "RegisterDerivative", DerivativeArgs(id: "EV-X", parent: "EV-X"), transient);
        Add("Derivative of an invalidated item", WrongState, Investigator1, "RegisterDerivative", DerivativeArgs(parent: "EV-INV"), transient, contains: "invalidated");
        Add("Derivative without origin", Invalid, Investigator1, "RegisterDerivative", DerivativeArgs(), new Dictionary<string, byte[]>());
        Add("Derivative with an existing id", Conflict, Investigator1, "RegisterDerivative", DerivativeArgs(id: "EV-DERIV"), transient);

        // Integrity attestations.
        Add("Integrity check by another storage organisation", Forbidden, Storage2, "RecordIntegrityCheck", ["EV-STORED", DigestAlgorithms.Sha256, Ledger.Sha, "v1"], contains: "Org1MSP");
        Add("Integrity check by an investigator", Forbidden, Investigator1, "RecordIntegrityCheck", ["EV-STORED", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);
        Add("Integrity check of a rejected item", WrongState, Storage1, "RecordIntegrityCheck", ["EV-REJ", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);
        Add("Integrity check with another algorithm", Invalid, Storage1, "RecordIntegrityCheck", ["EV-SM3", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);
        Add("Integrity check with an uppercase SM3 digest", Invalid, Storage1, "RecordIntegrityCheck", ["EV-SM3", DigestAlgorithms.Sm3, Ledger.Sm3.ToUpperInvariant(), "v1"]);

        // Access records.
        Add("Access recorded by the storage role", Forbidden, Storage1, "RecordAccess", ["EV-STORED", "Re-hash"]);
        Add("Access recorded without a role", Forbidden, NoRole, "RecordAccess", ["EV-STORED", "Curious"]);
        Add("Access purpose of 513 characters", Invalid, Investigator1, "RecordAccess", ["EV-STORED", new string('p', 513)]);
        Add("Access to an unknown item", NotFound, Investigator1, "RecordAccess", ["EV-NONE", "Review"]);
        Add("Access to a disposed item", WrongState, Judge, "RecordAccess", ["EV-DISP", "Review"]);

        // Queries.
        Add("Reading an unknown item", NotFound, Judge, "GetEvidence", ["EV-NONE"], evaluate: true);
        Add("Reading an id with U+0000", Invalid, Judge, "GetEvidence", ["EV-STORED\u0000"], evaluate: true);
        Add("History of an unknown item", NotFound, Judge, "GetHistory", ["EV-NONE"], evaluate: true);
        Add("Page size 0", Invalid, Judge, "ListByCase", ["CASE-1", "0", string.Empty], evaluate: true);
        Add("Page size 101", Invalid, Judge, "ListByCase", ["CASE-1", "101", string.Empty], evaluate: true);
        Add("Bookmark pointing outside the index", Invalid, Judge, "ListByCase", ["CASE-1", "10", Convert.ToBase64String(Encoding.UTF8.GetBytes("\u0000evidence\u0000EV-STORED\u0000")).TrimEnd('=').Replace('+', '-').Replace('/', '_')], evaluate: true, contains: "outside");
        Add("Bookmark that is not base64url", Invalid, Judge, "ListByHolder", ["Org1MSP", "10", "%%%"], evaluate: true);
        Add("State in lowercase", Invalid, Judge, "ListByState", ["stored", "10", string.Empty], evaluate: true);
        Add("State as a number", Invalid, Judge, "ListByState", ["1", "10", string.Empty], evaluate: true);
        Add("Private details read by a custodian", Forbidden, Custodian1, "GetPrivateDetails", ["EV-STORED"], evaluate: true);
        Add("Private details of a disposed item", NotFound, Judge, "GetPrivateDetails", ["EV-DISP"], evaluate: true, contains: "purged");
        Add("Digest verification with another algorithm", Invalid, Judge, "VerifyDigest", ["EV-STORED", DigestAlgorithms.Sm3, Ledger.Sm3], evaluate: true);
        Add("Derivatives of an unknown item", NotFound, Judge, "ListDerivatives", ["EV-NONE", "10", string.Empty], evaluate: true);
        return cases;
    }

    private sealed record Case(string Code, TestIdentity Identity, string Function, string[] Args, IReadOnlyDictionary<string, byte[]>? Transient, bool Evaluate, string? MessageContains);
}
