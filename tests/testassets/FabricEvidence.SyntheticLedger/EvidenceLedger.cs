using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using FabricEvidence.Protocol.Peer.Lifecycle;
using ApplicationPolicy = FabricEvidence.Protocol.Peer.ApplicationPolicy;
using CollectionConfigPackage = FabricEvidence.Protocol.Peer.CollectionConfigPackage;
using Google.Protobuf;

namespace FabricEvidence.SyntheticLedger;

/// <summary>
/// A synthetic evidence channel: Org1MSP and Org2MSP with a peer, an administrator and role-carrying users each, an
/// OrdererMSP, the genesis block, the <c>evidence</c> chaincode committed through <c>_lifecycle</c>, and helpers that
/// write transactions as the evidence contract would (record JSON, indexes, key-level policies, record reads with
/// versions, the <c>_lifecycle</c> sequence read every invocation makes).
/// </summary>
public sealed class EvidenceLedger : IDisposable
{
    public const string Lifecycle = "_lifecycle";
    public const string ValidationParameter = "VALIDATION_PARAMETER";

    private readonly Dictionary<string, (byte[] Value, (ulong, ulong) Version)> _lifecycleState = new(StringComparer.Ordinal);
    private DateTimeOffset _clock = TestOrganization.Epoch.AddDays(1);

    private EvidenceLedger(bool withIntermediate)
    {
        Org1 = TestOrganization.Create("Org1MSP", "org1.example.com", withIntermediate);
        Org2 = TestOrganization.Create("Org2MSP", "org2.example.com", withIntermediate);
        OrdererOrg = TestOrganization.Create("OrdererMSP", "example.com");
        Org1Peer = Org1.Issue("peer0.org1.example.com", "peer");
        Org2Peer = Org2.Issue("peer0.org2.example.com", "peer");
        Org1Admin = Org1.Issue("Admin@org1.example.com", "admin");
        Org2Admin = Org2.Issue("Admin@org2.example.com", "admin");
        Investigator = Org1.Issue("Investigator@org1.example.com", "client", "investigator");
        Storage = Org2.Issue("Storage@org2.example.com", "client", "storage");
        Custodian1 = Org1.Issue("Custodian@org1.example.com", "client", "custodian");
        Custodian2 = Org2.Issue("Custodian@org2.example.com", "client", "custodian");
        Orderer = OrdererOrg.Issue("orderer1.example.com", "orderer");
        Channel = new SyntheticChannel("evidence", ConfigBuilder.Build([Org1, Org2], OrdererOrg), Orderer);
    }

    public TestOrganization Org1 { get; }

    public TestOrganization Org2 { get; }

    public TestOrganization OrdererOrg { get; }

    public TestIdentity Org1Peer { get; }

    public TestIdentity Org2Peer { get; }

    public TestIdentity Org1Admin { get; }

    public TestIdentity Org2Admin { get; }

    public TestIdentity Investigator { get; }

    public TestIdentity Storage { get; }

    public TestIdentity Custodian1 { get; }

    public TestIdentity Custodian2 { get; }

    public TestIdentity Orderer { get; }

    public SyntheticChannel Channel { get; }

    public string Chaincode { get; } = "evidence";

    /// <summary>Where the chaincode's sequence was last written: what every invocation reads.</summary>
    public (ulong Block, ulong Tx) SequenceVersion { get; private set; }

    public IReadOnlyList<TestIdentity> BothPeers => [Org1Peer, Org2Peer];

    /// <summary>
    /// Creates the channel and commits the <c>evidence</c> definition (sequence 1) with <paramref name="policy"/>,
    /// by default <c>AND('Org1MSP.peer','Org2MSP.peer')</c> (the local network's default).
    /// </summary>
    public static EvidenceLedger Create(ApplicationPolicy? policy = null, bool withIntermediate = false)
    {
        var ledger = new EvidenceLedger(withIntermediate);
        ledger.CommitDefinition(policy ?? new ApplicationPolicy { SignaturePolicy = Policies.AllOf(("Org1MSP", Role.Peer), ("Org2MSP", Role.Peer)) });
        return ledger;
    }

    public DateTimeOffset NextTime() => _clock = _clock.AddMinutes(1);

    /// <summary>Appends a configuration block with the organisations as they are now (e.g. after a revocation).</summary>
    public ulong CommitConfiguration() => Channel.AppendConfigBlock(ConfigBuilder.Build([Org1, Org2], OrdererOrg));

    // ----------------------------------------------------------------------------------------------------------------
    // _lifecycle

    /// <summary>Commits a (new) definition: writes the fields that changed, reads the others, always writes the sequence.</summary>
    public ulong CommitDefinition(ApplicationPolicy policy, CollectionConfigPackage? collections = null, string version = "1.0", IReadOnlyList<TestIdentity>? endorsers = null)
    {
        var prefix = $"namespaces/fields/{Chaincode}/";
        var sequence = _lifecycleState.TryGetValue(prefix + "Sequence", out var current) ? StateData.Parser.ParseFrom(current.Value).Int64 + 1 : 1;
        var fields = new (string Name, byte[] Value)[]
        {
            ("EndorsementInfo", new StateData { Bytes = new ChaincodeEndorsementInfo { Version = version, EndorsementPlugin = "escc" }.ToByteString() }.ToByteArray()),
            ("ValidationInfo", new StateData { Bytes = new ChaincodeValidationInfo { ValidationPlugin = "vscc", ValidationParameter = policy.ToByteString() }.ToByteString() }.ToByteArray()),
            ("Collections", new StateData { Bytes = (collections ?? new CollectionConfigPackage()).ToByteString() }.ToByteArray()),
        };
        var rw = new RwSetBuilder();
        var metadataKey = $"namespaces/metadata/{Chaincode}";
        rw.Read(Lifecycle, metadataKey, _lifecycleState.TryGetValue(metadataKey, out var meta) ? meta.Version : null);
        var writes = new List<(string Key, byte[] Value)>();
        if (sequence == 1)
        {
            writes.Add((metadataKey, new FabricEvidence.Protocol.Peer.Lifecycle.StateMetadata { Datatype = "ChaincodeDefinition", Fields = { "EndorsementInfo", "ValidationInfo", "Collections", "Sequence" } }.ToByteArray()));
        }

        foreach (var (name, value) in fields)
        {
            var key = prefix + name;
            if (_lifecycleState.TryGetValue(key, out var existing))
            {
                rw.Read(Lifecycle, key, existing.Version);
                if (existing.Value.AsSpan().SequenceEqual(value))
                {
                    continue;
                }
            }

            writes.Add((key, value));
        }

        if (_lifecycleState.TryGetValue(prefix + "Sequence", out var previousSequence))
        {
            rw.Read(Lifecycle, prefix + "Sequence", previousSequence.Version);
        }

        writes.Add((prefix + "Sequence", new StateData { Int64 = sequence }.ToByteArray()));
        foreach (var (key, value) in writes)
        {
            rw.Write(Lifecycle, key, value);
        }

        var transaction = new EndorserTransaction
        {
            Channel = Channel.ChannelId,
            Chaincode = Lifecycle,
            ChaincodeVersion = "syscc",
            Creator = Org1Admin,
            Endorsers = endorsers ?? BothPeers,
            Function = "CommitChaincodeDefinition",
            ReadWriteSet = rw.Build(),
            Timestamp = NextTime(),
        };
        var (_, envelope) = transaction.Build();
        var block = Channel.AppendBlock([envelope]);
        foreach (var (key, value) in writes)
        {
            _lifecycleState[key] = (value, (block, 0));
        }

        SequenceVersion = (block, 0);
        return block;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Evidence transactions

    public EvidenceItem NewItem(string id, byte[] file, string algorithm = "SHA-256", Func<byte[], string>? digest = null) =>
        new(id, "\0evidence\0" + id + "\0", algorithm, digest?.Invoke(file) ?? Convert.ToHexStringLower(SHA256.HashData(file)), Org1.MspId);

    /// <summary>The investigator submits the item: creates the record (read of the absent key), indexes, the holder's key-level policy, private origin.</summary>
    public PendingTransaction Submit(EvidenceItem item, TransactionOptions? options = null)
    {
        var rw = Invocation().Read(Chaincode, item.Key, null);
        var record = item.WithState("Submitted");
        rw.Write(Chaincode, item.Key, record)
          .Write(Chaincode, $"\0evidence~state\0Submitted\0{item.Id}\0", [0])
          .WriteMetadata(Chaincode, item.Key, ValidationParameter, Policies.AllOf((item.Holder, Role.Peer)).ToByteArray())
          .WritePrivate(Chaincode, "evidencePrivate", $"\0origin\0{item.Id}\0", "{\"salt\":\"q3Zt5a0mXQn6VwJ2k8r1pA\"}"u8.ToArray());
        return Pending(item, Investigator, "evidence:Submit", "EvidenceSubmitted", rw, options, writesRecord: true, newPolicy: (item.Holder, null));
    }

    /// <summary>The storage receiver confirms: reads and rewrites the record (state Stored).</summary>
    public PendingTransaction ConfirmStorage(EvidenceItem item, TransactionOptions? options = null)
    {
        var rw = Invocation().Read(Chaincode, item.Key, item.LastWrite);
        rw.Write(Chaincode, item.Key, item.WithState("Stored"))
          .Delete(Chaincode, $"\0evidence~state\0Submitted\0{item.Id}\0")
          .Write(Chaincode, $"\0evidence~state\0Stored\0{item.Id}\0", [0]);
        return Pending(item, Storage, "evidence:ConfirmStorage", "StorageConfirmed", rw, options, writesRecord: true);
    }

    /// <summary>A custodian records an access: reads the record, appends an access record, leaves the record unchanged.</summary>
    public PendingTransaction RecordAccess(EvidenceItem item, TransactionOptions? options = null)
    {
        var rw = Invocation().Read(Chaincode, item.Key, item.LastWrite);
        rw.Write(Chaincode, $"\0evidence~access\0{item.Id}\0{Guid.NewGuid():N}\0", "{\"purpose\":\"review\"}");
        return Pending(item, Custodian1, "evidence:RecordAccess", "AccessRecorded", rw, options, writesRecord: false);
    }

    /// <summary>The holder's custodian offers custody to Org2: the key-level policy becomes holder AND receiver.</summary>
    public PendingTransaction OfferTransfer(EvidenceItem item, TransactionOptions? options = null)
    {
        var rw = Invocation().Read(Chaincode, item.Key, item.LastWrite);
        rw.Write(Chaincode, item.Key, item.WithState("Stored", transferTo: "Org2MSP"))
          .WriteMetadata(Chaincode, item.Key, ValidationParameter, Policies.AllOf((item.Holder, Role.Peer), ("Org2MSP", Role.Peer)).ToByteArray());
        return Pending(item, Custodian1, "evidence:OfferTransfer", "TransferOffered", rw, options, writesRecord: true, newPolicy: (item.Holder, "Org2MSP"));
    }

    /// <summary>Org2's custodian accepts: holder becomes Org2MSP, the key-level policy Org2's peer.</summary>
    public PendingTransaction AcceptTransfer(EvidenceItem item, TransactionOptions? options = null)
    {
        var rw = Invocation().Read(Chaincode, item.Key, item.LastWrite);
        rw.Write(Chaincode, item.Key, item.WithState("Stored", holder: "Org2MSP"))
          .WriteMetadata(Chaincode, item.Key, ValidationParameter, Policies.AllOf(("Org2MSP", Role.Peer)).ToByteArray());
        return Pending(item, Custodian2, "evidence:AcceptTransfer", "TransferAccepted", rw, options, writesRecord: true, newPolicy: ("Org2MSP", null), newHolder: "Org2MSP");
    }

    /// <summary>Appends one block with the transactions, in order; updates each item's last write when its transaction is valid.</summary>
    public ulong Commit(params PendingTransaction[] transactions)
    {
        var codes = transactions.Select(t => (byte)t.ValidationCode).ToArray();
        var block = Channel.AppendBlock([.. transactions.Select(t => t.Envelope)], codes);
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i].Committed(block, (ulong)i);
        }

        return block;
    }

    /// <summary>Appends a block of one transaction that concerns no item (so that item blocks have blocks in between).</summary>
    public ulong CommitUnrelated()
    {
        var rw = Invocation().Write(Chaincode, $"\0evidence~other\0{Guid.NewGuid():N}\0", [1]);
        var (_, envelope) = new EndorserTransaction
        {
            Channel = Channel.ChannelId,
            Chaincode = Chaincode,
            Creator = Investigator,
            Endorsers = BothPeers,
            Function = "evidence:Other",
            ReadWriteSet = rw.Build(),
            Timestamp = NextTime(),
        }.Build();
        return Channel.AppendBlock([envelope]);
    }

    private RwSetBuilder Invocation() => new RwSetBuilder().Read(Lifecycle, $"namespaces/fields/{Chaincode}/Sequence", SequenceVersion);

    private PendingTransaction Pending(EvidenceItem item, TestIdentity creator, string function, string eventName, RwSetBuilder rw, TransactionOptions? options, bool writesRecord,
        (string Holder, string? Receiver)? newPolicy = null, string? newHolder = null)
    {
        options ??= new TransactionOptions();
        var transaction = new EndorserTransaction
        {
            Channel = options.Channel ?? Channel.ChannelId,
            Chaincode = Chaincode,
            Creator = options.Creator ?? creator,
            Endorsers = options.Endorsers ?? BothPeers,
            Function = function,
            Arguments = [item.Id],
            ReadWriteSet = (options.ReadWriteSet ?? rw).Build(),
            EventName = eventName,
            Timestamp = options.Timestamp ?? NextTime(),
            TamperEndorsementSignature = options.TamperEndorsementSignature,
            TamperCreatorSignature = options.TamperCreatorSignature,
        };
        var (txId, envelope) = transaction.Build();
        item.TransactionIds.Add(txId);
        return new PendingTransaction(txId, envelope, options.ValidationCode, (block, index) =>
        {
            if (options.ValidationCode == TxValidationCode.Valid && writesRecord)
            {
                item.LastWrite = (block, index);
                if (newHolder is not null)
                {
                    item.Holder = newHolder;
                }
            }
        });
    }

    public void Dispose()
    {
        Org1.Dispose();
        Org2.Dispose();
        OrdererOrg.Dispose();
    }
}

/// <summary>How to make one evidence transaction differently from the contract's normal behaviour.</summary>
public sealed class TransactionOptions
{
    public TestIdentity? Creator { get; init; }

    public IReadOnlyList<TestIdentity>? Endorsers { get; init; }

    public TxValidationCode ValidationCode { get; init; } = TxValidationCode.Valid;

    public string? Channel { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public RwSetBuilder? ReadWriteSet { get; init; }

    public Func<int, byte[], byte[]>? TamperEndorsementSignature { get; init; }

    public Func<byte[], byte[]>? TamperCreatorSignature { get; init; }
}

/// <summary>A transaction made but not yet in a block.</summary>
public sealed class PendingTransaction(string transactionId, byte[] envelope, TxValidationCode validationCode, Action<ulong, ulong> committed)
{
    public string TransactionId { get; } = transactionId;

    public byte[] Envelope { get; } = envelope;

    public TxValidationCode ValidationCode { get; } = validationCode;

    internal void Committed(ulong block, ulong index) => committed(block, index);
}

/// <summary>An evidence item's state as the contract keeps it, and the ids of its transactions so far.</summary>
public sealed class EvidenceItem(string id, string key, string algorithm, string digest, string holder)
{
    public string Id { get; } = id;

    public string Key { get; } = key;

    public string DigestAlgorithm { get; } = algorithm;

    public string Digest { get; } = digest;

    public string Holder { get; set; } = holder;

    public (ulong Block, ulong Tx)? LastWrite { get; set; }

    public List<string> TransactionIds { get; } = [];

    /// <summary>The record JSON (members in ordinal order, as the contract writes them).</summary>
    public byte[] WithState(string state, string? holder = null, string? transferTo = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("caseReference", "CASE-2024/0042");
            json.WriteString("description", "Mobile phone image");
            json.WriteString("digest", Digest);
            json.WriteString("digestAlgorithm", DigestAlgorithm);
            json.WriteString("holder", holder ?? Holder);
            json.WriteString("id", Id);
            json.WriteString("state", state);
            if (transferTo is not null)
            {
                json.WriteStartObject("transfer");
                json.WriteString("toMspId", transferTo);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
