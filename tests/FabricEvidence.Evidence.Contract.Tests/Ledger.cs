using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.Testing;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>Drives the contract through <see cref="ContractTestHost"/> as clients would: by name, with string arguments.</summary>
internal sealed class Ledger : IAsyncDisposable
{
    public const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string OtherSha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    // SM3("abc"), GB/T 32905-2016 appendix A.
    public const string Sm3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    public const string Retention = "2030-01-01T00:00:00Z";
    public const string OperatorName = "Detective Inspector Jane Q. Example";
    public const string Place = "42 Sample Street, Exampletown";
    public const string DeviceName = "Phone IMEI 490154203237518";
    public const string DetailsText = "Seized from suspect John Roe, born 1980-02-03.\nWitness: Mary Major.";
    public const string Salt = "q3Zt5a0mXQn6VwJ2k8r1pA";

    public ContractTestHost Host { get; } = ContractTestHost.Create<EvidenceContract>();

    public InMemoryLedger State => Host.Ledger;

    public static byte[] Origin(string operatorName = OperatorName, string salt = Salt) =>
        ChaincodeJson.SerializeCanonical(new EvidenceOrigin(operatorName, DeviceName, "Cellebrite UFED", "7.69", Place, salt));

    public static byte[] Details(string text = DetailsText) => ChaincodeJson.SerializeCanonical(new CaseDetails(text, Salt));

    public static Dictionary<string, byte[]> Transient(bool withDetails = true)
    {
        var transient = new Dictionary<string, byte[]> { [EvidenceTransientKeys.Origin] = Origin() };
        if (withDetails)
        {
            transient[EvidenceTransientKeys.CaseDetails] = Details();
        }

        return transient;
    }

    public Task<TestTransactionResult> SubmitAsync(TestIdentity identity, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null) =>
        Host.InvokeAsync(new TestTransaction { Function = EvidenceContract.ContractName + ":" + function, Args = args, Identity = identity, Transient = transient });

    public Task<TestTransactionResult> EvaluateAsync(TestIdentity identity, string function, params string[] args) =>
        Host.InvokeAsync(new TestTransaction { Function = EvidenceContract.ContractName + ":" + function, Args = args, Identity = identity, Submit = false });

    public async Task<T> OkAsync<T>(TestIdentity identity, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null) =>
        (await SubmitAsync(identity, function, args, transient)).EnsureSuccess().PayloadAs<T>();

    public async Task<T> QueryAsync<T>(string function, params string[] args) =>
        (await EvaluateAsync(Parties.Judge, function, args)).EnsureSuccess().PayloadAs<T>();

    public Task<TestTransactionResult> SubmitItemAsync(string id, string caseReference = "CASE-1", string algorithm = DigestAlgorithms.Sha256, string digest = Sha, string retainUntil = Retention, TestIdentity? by = null, bool withDetails = true) =>
        SubmitAsync(by ?? Parties.Investigator1, "Submit", [id, caseReference, "Mobile phone image", algorithm, digest, "1024", "application/octet-stream", retainUntil], Transient(withDetails));

    public async Task<EvidenceRecord> StoreAsync(string id, string caseReference = "CASE-1", string algorithm = DigestAlgorithms.Sha256, string digest = Sha, string retainUntil = Retention, TestIdentity? by = null)
    {
        (await SubmitItemAsync(id, caseReference, algorithm, digest, retainUntil, by)).EnsureSuccess();
        return await ConfirmAsync(id, algorithm, digest);
    }

    public Task<EvidenceRecord> ConfirmAsync(string id, string algorithm = DigestAlgorithms.Sha256, string digest = Sha, string size = "1024", TestIdentity? by = null) =>
        OkAsync<EvidenceRecord>(by ?? Parties.Storage1, "ConfirmStorage", [id, algorithm, digest, size, "s3://evidence/objects/" + id, "v1"]);

    public Task<EvidenceRecord> GetAsync(string id) => QueryAsync<EvidenceRecord>("GetEvidence", id);

    /// <summary>Every public key and value, as text, to compare before and after a call.</summary>
    public string Snapshot() =>
        string.Join("\n", State.GetAllState().Select(kv => Show(kv.Key) + "=" + Convert.ToHexString(kv.Value)));

    public static string Show(string key) => key.Replace("\0", "\\0", StringComparison.Ordinal);

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
