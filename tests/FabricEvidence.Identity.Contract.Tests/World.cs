using System.Text;
using System.Text.Json.Nodes;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.Testing;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>The outcome of one transaction run by <see cref="World"/>.</summary>
internal sealed record Outcome(ChaincodeResponse Response, string TxId, ChaincodeEventRecord? Event, bool Committed)
{
    public bool IsSuccess => Response.IsSuccess;

    public string Message => Response.Message;

    public string PayloadText => Encoding.UTF8.GetString(Response.Payload);

    public T As<T>() => IsSuccess ? ChaincodeJson.Deserialize<T>(Response.Payload) : throw new Xunit.Sdk.XunitException($"The call failed: {Message}");

    public IdentityEvent EventPayload => ChaincodeJson.Deserialize<IdentityEvent>(Event!.Payload);
}

/// <summary>
/// A channel of three organisations running the identity contract on the in-memory ledger, with an issuer registered
/// by majority, the residence credential type, and an SD-JWT issuer, holder and presenter whose clock is the ledger's.
/// </summary>
internal sealed class World : IAsyncDisposable
{
    public const string Vct = "urn:fabric-evidence:residence";
    public const string IssuerId = "https://registry.org1.example.com";
    public const string StatusBase = "https://status.org1.example.com/lists";
    public const string Purpose = "age-check";

    public static readonly string[] TypeClaims =
    [
        "given_name", "family_name", "birthdate", "age_over_18", "address", "nationalities",
    ];

    public static readonly string[] TypeDisclosable =
    [
        "given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality", "address/postal_code", "nationalities/*",
    ];

    /// <summary>Claim values that must never reach the ledger.</summary>
    public static readonly string[] PersonalValues = ["Erika", "Mustermann", "1963-08-12", "Heidestraße 17", "Köln", "51147"];

    private readonly ContractTestHost _host = ContractTestHost.Create<IdentityContract>();
    private int _ids;

    public World(DateTimeOffset? start = null)
    {
        // Real time, so that certificates and credentials made by the SDK look current; the ledger steps one second per transaction.
        Ledger.Clock = FabricTimestamp.FromDateTimeOffset(start ?? DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Clock = new LedgerClock(Ledger);
        IssuerKey = Issuer1.IssuerKey();
        SdJwtIssuer = new SdJwtIssuer(IssuerKey, new SdJwtIssuerOptions { TimeProvider = Clock });
        Presenter = new SdJwtPresenter(Clock);
    }

    public InMemoryLedger Ledger => _host.Ledger;

    public LedgerClock Clock { get; }

    public IssuerKey IssuerKey { get; }

    public SdJwtIssuer SdJwtIssuer { get; }

    public SdJwtPresenter Presenter { get; }

    public HolderKey Holder { get; } = HolderKey.Generate();

    public List<Outcome> Outcomes { get; } = [];

    public async Task<Outcome> RunAsync(Party who, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null, bool submit = true)
    {
        var stub = Ledger.CreateStub(IdentityContract.ContractName + ":" + function, args);
        stub.Creator = who.SerializedIdentity;
        if (transient is not null)
        {
            stub.Transient = new Dictionary<string, byte[]>(transient, StringComparer.Ordinal);
        }

        var response = await _host.Chaincode.InvokeAsync(stub, CancellationToken.None);
        var committed = false;
        if (submit && response.IsSuccess)
        {
            committed = stub.Commit() == Protocol.Peer.TxValidationCode.Valid;
        }
        else
        {
            stub.Discard();
        }

        var outcome = new Outcome(response, stub.TxId, stub.Event, committed);
        Outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>
    /// Runs one proposal twice on the same committed state, as two endorsing peers would (same transaction id, time,
    /// creator, arguments and transient data), commits neither, and returns what each would have endorsed.
    /// </summary>
    public async Task<(string Response, string? Event, string Writes)[]> EndorseTwiceAsync(Party who, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var results = new List<(string, string?, string)>();
        InMemoryChaincodeStub? first = null;
        for (var i = 0; i < 2; i++)
        {
            var stub = Ledger.CreateStub(IdentityContract.ContractName + ":" + function, args);
            if (first is not null)
            {
                stub.TxId = first.TxId;
                stub.TxTimestamp = first.TxTimestamp;
            }

            first ??= stub;
            stub.Creator = who.SerializedIdentity;
            if (transient is not null)
            {
                stub.Transient = new Dictionary<string, byte[]>(transient, StringComparer.Ordinal);
            }

            var response = await _host.Chaincode.InvokeAsync(stub, CancellationToken.None);
            Assert.True(response.IsSuccess, response.Message);
            results.Add((Encoding.UTF8.GetString(response.Payload), stub.Event is { } e ? e.Name + Encoding.UTF8.GetString(e.Payload) : null, string.Join("|", stub.WrittenKeys)));
            stub.Discard();
        }

        // The clock moved for the second stub; put it back so that the next transaction follows the first.
        Ledger.Clock = first!.TxTimestamp.Add(Ledger.ClockStep);
        return [.. results];
    }

    public async Task<T> OkAsync<T>(Party who, string function, string[] args, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var outcome = await RunAsync(who, function, args, transient);
        Assert.True(outcome.IsSuccess, $"{function} failed: {outcome.Message}");
        Assert.True(outcome.Committed);
        return outcome.As<T>();
    }

    public async Task<T> QueryAsync<T>(string function, params string[] args)
    {
        var outcome = await RunAsync(NoRole, function, args, submit: false);
        Assert.True(outcome.IsSuccess, $"{function} failed: {outcome.Message}");
        return outcome.As<T>();
    }

    /// <summary>Initialises Org1–Org3, registers the type, and registers Issuer1 with Org1's proposal and Org2's approval.</summary>
    public async Task<World> SetUpAsync()
    {
        await OkAsync<RegistryConfig>(Admin1, "Initialize", ["[\"Org1MSP\",\"Org2MSP\",\"Org3MSP\"]"]);
        await OkAsync<CredentialType>(Admin1, "RegisterCredentialType", [Vct, Json(TypeClaims), Json(TypeDisclosable)]);
        await OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-issuer", "AddIssuer", IssuerSpecJson(), In(TimeSpan.FromDays(7))]);
        await OkAsync<ChangeProposal>(Admin2, "ApproveChange", ["p-issuer"]);
        return this;
    }

    public string IssuerSpecJson(Party? issuer = null, string issuerId = IssuerId, string[]? types = null, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null, string? mspId = null) =>
        new JsonObject
        {
            ["issuerId"] = issuerId,
            ["mspId"] = mspId ?? (issuer ?? Issuer1).MspId,
            ["certificateFingerprint"] = (issuer ?? Issuer1).Fingerprint,
            ["credentialTypes"] = new JsonArray((types ?? [Vct]).Select(t => (JsonNode?)t).ToArray()),
            ["validFrom"] = Timestamp(validFrom ?? Now.AddDays(-1)),
            ["validUntil"] = Timestamp(validUntil ?? Now.AddYears(5)),
            ["statusListBaseUri"] = StatusBase,
        }.ToJsonString();

    public DateTimeOffset Now => Ledger.Clock.ToDateTimeOffset();

    public string In(TimeSpan span) => Timestamp(Now + span);

    public static string Timestamp(DateTimeOffset time) => FabricTimestamp.FromDateTimeOffset(time).ToString();

    public static string Json(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)v).ToArray()).ToJsonString();

    public string NewId(string prefix = "cred") => $"{prefix}-{Interlocked.Increment(ref _ids):D4}";

    public static JsonObject ResidenceClaims() => new()
    {
        ["given_name"] = "Erika",
        ["family_name"] = "Mustermann",
        ["birthdate"] = "1963-08-12",
        ["age_over_18"] = true,
        ["address"] = new JsonObject
        {
            ["street_address"] = "Heidestraße 17",
            ["locality"] = "Köln",
            ["postal_code"] = "51147",
            ["country"] = "DE",
        },
        ["nationalities"] = new JsonArray("DE"),
    };

    public Task<CredentialRecord> ReserveAsync(string id, Party? issuer = null, string vct = Vct) =>
        OkAsync<CredentialRecord>(issuer ?? Issuer1, "ReserveStatus", [id, vct]);

    /// <summary>Signs a residence credential for a reservation; the optional arguments make it wrong in one way.</summary>
    public IssuedCredential Sign(CredentialRecord reserved, SdJwtIssuer? issuer = null, string? vct = null, string? iss = null, StatusReference? status = null,
        bool withoutExpiry = false, JsonObject? claims = null, string[]? disclosable = null, DateTimeOffset? expires = null) =>
        (issuer ?? SdJwtIssuer).Issue(new CredentialRequest
        {
            Vct = vct ?? reserved.Vct,
            Issuer = iss ?? IssuerId,
            HolderKey = Holder.PublicKey,
            Claims = claims ?? ResidenceClaims(),
            SelectivelyDisclosable = disclosable ?? TypeDisclosable,
            Expires = withoutExpiry ? null : expires ?? Now.AddDays(365),
            Status = status ?? new StatusReference(reserved.StatusIndex, reserved.StatusListUri),
            DecoyDigests = 3,
        });

    public static Dictionary<string, byte[]> Transient(string key, string value) => new() { [key] = Encoding.UTF8.GetBytes(value) };

    public Task<Outcome> RecordIssuanceAsync(string id, string sdJwt, Party? issuer = null) =>
        RunAsync(issuer ?? Issuer1, "RecordIssuance", [id], Transient(IdentityTransientKeys.Credential, sdJwt));

    /// <summary>Reserves, signs and records a credential; returns the record and the SD-JWT the holder keeps.</summary>
    public async Task<(CredentialRecord Record, IssuedCredential Credential)> IssueAsync(string? id = null)
    {
        var reserved = await ReserveAsync(id ?? NewId());
        var credential = Sign(reserved);
        var outcome = await RecordIssuanceAsync(reserved.Id, credential.SdJwt);
        Assert.True(outcome.IsSuccess, outcome.Message);
        return (outcome.As<CredentialRecord>(), credential);
    }

    public string ConsentToken(string credentialId, string consentId, string[]? claims = null, string verifier = "Org2MSP", string purpose = Purpose, TimeSpan? lifetime = null, HolderKey? key = null) =>
        Identity.ConsentToken.Sign(key ?? Holder, new ConsentRequest
        {
            ConsentId = consentId,
            CredentialId = credentialId,
            Verifier = verifier,
            Purpose = purpose,
            Claims = claims ?? ["age_over_18", "address/locality"],
            Expires = Now + (lifetime ?? TimeSpan.FromDays(30)),
            IssuedAt = Now,
        });

    public Task<Outcome> RecordConsentAsync(string credentialId, string token, string? jwk = null) =>
        RunAsync(Wallet, "RecordConsent", [credentialId, token, jwk ?? Holder.PublicKey.ToJwkJson()]);

    public async Task<ConsentRecord> ConsentAsync(string credentialId, string consentId, string[]? claims = null, string verifier = "Org2MSP")
    {
        var outcome = await RecordConsentAsync(credentialId, ConsentToken(credentialId, consentId, claims, verifier));
        Assert.True(outcome.IsSuccess, outcome.Message);
        return outcome.As<ConsentRecord>();
    }

    public string Present(IssuedCredential credential, string nonce, string audience = "Org2MSP", params string[] claims) =>
        Presenter.Present(credential.SdJwt, Holder, new PresentationRequest
        {
            Claims = claims.Length == 0 ? ["age_over_18", "address/locality"] : claims,
            Audience = audience,
            Nonce = nonce,
        }).Compact;

    public Task<Outcome> RecordVerificationAsync(string credentialId, string consentId, string presentation, string nonce, Party? verifier = null, string purpose = Purpose) =>
        RunAsync(verifier ?? Verifier2, "RecordVerification", [credentialId, consentId, purpose, nonce], Transient(IdentityTransientKeys.Presentation, presentation));

    public string HolderProofToken(string credentialId, string action, string target = "", DateTimeOffset? at = null, HolderKey? key = null) =>
        HolderProof.Sign(key ?? Holder, new HolderProofRequest { CredentialId = credentialId, Action = action, Target = target, IssuedAt = at ?? Now });

    /// <summary>Every public key and value, as text, to compare before and after a call.</summary>
    public string Snapshot() =>
        string.Join("\n", Ledger.GetAllState().Select(kv => kv.Key.Replace("\0", "\\0", StringComparison.Ordinal) + "=" + Convert.ToHexString(kv.Value)));

    public async ValueTask DisposeAsync()
    {
        IssuerKey.Dispose();
        Holder.Dispose();
        await _host.DisposeAsync();
    }
}

/// <summary>The SDK's clock, set to the ledger's next transaction time.</summary>
internal sealed class LedgerClock(InMemoryLedger ledger) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => ledger.Clock.ToDateTimeOffset();
}

internal static class Assertions
{
    /// <summary>
    /// Runs <paramref name="call"/> and asserts that it is refused with <paramref name="code"/> (the client sees
    /// <c>code: message</c>), that nothing was committed, and that the public state is byte for byte what it was.
    /// </summary>
    public static async Task<Outcome> RefusedAsync(this World world, string code, Func<Task<Outcome>> call)
    {
        var before = world.Snapshot();
        var committed = world.Ledger.Transactions.Count;
        var outcome = await call();
        Assert.False(outcome.IsSuccess, $"Expected '{code}', but the call succeeded: {outcome.PayloadText}");
        Assert.StartsWith(code + ": ", outcome.Message, StringComparison.Ordinal);
        Assert.True(outcome.Message.Length > code.Length + 10, $"The message says too little: {outcome.Message}");
        Assert.False(outcome.Committed);
        Assert.Equal(committed, world.Ledger.Transactions.Count);
        Assert.Equal(before, world.Snapshot());
        return outcome;
    }
}
