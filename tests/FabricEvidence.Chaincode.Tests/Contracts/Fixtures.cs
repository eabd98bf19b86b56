using System.Text;
using FabricEvidence.Chaincode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public enum AssetState
{
    Active,
    Retired,
}

[DataType(Description = "Something owned")]
public sealed record Asset(
    [property: Property(Description = "Unique id")] string Id,
    string Color,
    int Size,
    string Owner,
    AssetState State = AssetState.Active,
    decimal? AppraisedValue = null);

public sealed record Note(string Text, IReadOnlyList<string> Tags, Dictionary<string, int> Counts);

[DataType(Name = "Receipt")]
public sealed class ReceiptDto
{
    [Property(Name = "tx", Required = true)]
    public string TransactionId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>Records what the contracts did, injected through the constructor to prove contracts are built by DI.</summary>
public sealed class CallLog
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}

[Contract(Name = "assets")]
[Info(Title = "Asset contract", Version = "1.2.3", Description = "Creates and reads assets", License = "Apache-2.0", LicenseUrl = "https://www.apache.org/licenses/LICENSE-2.0", ContactName = "Ledger team", ContactEmail = "ledger@example.org", ContactUrl = "https://example.org/ledger")]
public sealed class AssetContract : Contract
{
    [Transaction]
    public async Task Create(Context context, [Param("The asset id")] string id, string color, int size)
    {
        await context.Stub.PutStateAsync(id, ChaincodeJson.Serialize(new Asset(id, color, size, context.ClientIdentity.MspId)));
    }

    [Transaction(TransactionIntent.Evaluate)]
    [return: Returns("The asset as JSON")]
    public async Task<Asset> Read(Context context, string id)
    {
        var value = await context.Stub.GetStateAsync(id) ?? throw new ChaincodeException($"Asset {id} does not exist");
        return ChaincodeJson.Deserialize<Asset>(value);
    }

    [Transaction]
    public async Task<Asset> Put(Context context, Asset asset)
    {
        await context.Stub.PutStateAsync(asset.Id, ChaincodeJson.Serialize(asset));
        return asset;
    }

    [Transaction(TransactionIntent.Evaluate, Name = "Sum")]
    public long Add(Context context, long a, long b) => a + b;

    [Transaction]
    public async Task WriteThenThrow(Context context, string key)
    {
        await context.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes("partial"));
        throw new InvalidOperationException($"Failed after writing {key}");
    }

    [Transaction]
    public void Reject(Context context, string message) => throw new ChaincodeException(message, Encoding.UTF8.GetBytes("{\"code\":\"E42\"}"));

    [Transaction]
    public async Task PutRaw(Context context, string key, string value) => await context.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value));

    [Transaction]
    public async Task PutComposite(Context context, string objectType, string attribute) =>
        await context.Stub.PutStateAsync(context.Stub.CreateCompositeKey(objectType, [attribute]), [1]);

    [Transaction]
    public async Task PutKeyWithLoneSurrogate(Context context, string prefix) => await context.Stub.PutStateAsync(prefix + "\uD800", [1]);

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<int> CountFrom(Context context, string startKey)
    {
        var count = 0;
        await foreach (var unused in context.Stub.GetStateByRange(startKey, string.Empty))
        {
            count++;
        }

        return count;
    }

    [Transaction]
    public void RejectWithCode(Context context, string code) => throw new ChaincodeException("Asset x does not exist.") { Code = code };

    [Transaction]
    public void Announce(Context context, string name) => context.Stub.SetEvent(name, [1]);

    [Transaction(TransactionIntent.Evaluate)]
    public string WhoAmI(Context context) => context.ClientIdentity.GetId();

    [Transaction]
    public async Task Restricted(Context context, string key)
    {
        context.ClientIdentity.AssertAttributeValue("role", "auditor");
        await context.Stub.PutStateAsync(key, [1]);
    }

    public Task NotATransaction(Context context) => context.Stub.PutStateAsync("sneaky", [1]);
}

[Default]
public sealed class Greeter : Contract
{
    [Transaction(TransactionIntent.Evaluate)]
    public string Hello(Context context, string name) => $"Hello, {name}";

    [Transaction(TransactionIntent.Evaluate)]
    public static string Shout(Context context, string text) => text.ToUpperInvariant() + "!";

    [Transaction(TransactionIntent.Evaluate)]
    public string Where(Context context) => $"{context.ContractName}/{context.TransactionName}";
}

/// <summary>Every supported argument and result type, echoed back.</summary>
public sealed class TypesContract : Contract
{
    [Transaction(TransactionIntent.Evaluate)] public bool Bool(Context c, bool value) => value;
    [Transaction(TransactionIntent.Evaluate)] public int Int(Context c, int value) => value;
    [Transaction(TransactionIntent.Evaluate)] public long Long(Context c, long value) => value;
    [Transaction(TransactionIntent.Evaluate)] public short Short(Context c, short value) => value;
    [Transaction(TransactionIntent.Evaluate)] public byte Byte(Context c, byte value) => value;
    [Transaction(TransactionIntent.Evaluate)] public ulong ULong(Context c, ulong value) => value;
    [Transaction(TransactionIntent.Evaluate)] public double Double(Context c, double value) => value;
    [Transaction(TransactionIntent.Evaluate)] public float Float(Context c, float value) => value;
    [Transaction(TransactionIntent.Evaluate)] public decimal Decimal(Context c, decimal value) => value;
    [Transaction(TransactionIntent.Evaluate)] public DateTimeOffset Time(Context c, DateTimeOffset value) => value;
    [Transaction(TransactionIntent.Evaluate)] public Guid Guid(Context c, Guid value) => value;
    [Transaction(TransactionIntent.Evaluate)] public AssetState State(Context c, AssetState value) => value;
    [Transaction(TransactionIntent.Evaluate)] public byte[] Bytes(Context c, byte[] value) => value;
    [Transaction(TransactionIntent.Evaluate)] public string Text(Context c, string value) => value;
    [Transaction(TransactionIntent.Evaluate)] public string[] Array(Context c, string[] value) => value;
    [Transaction(TransactionIntent.Evaluate)] public List<Asset> Assets(Context c, List<Asset> value) => value;
    [Transaction(TransactionIntent.Evaluate)] public Dictionary<string, int> Map(Context c, Dictionary<string, int> value) => value;
    [Transaction(TransactionIntent.Evaluate)] public Note Note(Context c, Note value) => value;
    [Transaction(TransactionIntent.Evaluate)] public ReceiptDto Receipt(Context c, ReceiptDto value) => value;
    [Transaction(TransactionIntent.Evaluate)] public Asset? Nothing(Context c) => null;
    [Transaction(TransactionIntent.Evaluate)] public double NotANumber(Context c) => double.NaN;
    [Transaction(TransactionIntent.Evaluate)] public AssetState Undefined(Context c) => (AssetState)42;
    [Transaction(TransactionIntent.Evaluate)] public string LoneSurrogate(Context c) => "\uD800";
    [Transaction(TransactionIntent.Evaluate)] public ValueTask<int> ValueTaskOf(Context c, int value) => ValueTask.FromResult(value);
    [Transaction] public ValueTask ValueTaskVoid(Context c) => ValueTask.CompletedTask;
    [Transaction] public async Task Wait(Context c, CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken);
    [Transaction] public void CancelledInside(Context c) => throw new OperationCanceledException("Gave up");
    [Transaction(TransactionIntent.Evaluate)] public bool Token(Context c, string value, CancellationToken cancellationToken) => cancellationToken == c.CancellationToken;
}

/// <summary>Logs hook calls so tests can check their order.</summary>
public sealed class HookedContract(CallLog log) : Contract
{
    protected override Task BeforeTransactionAsync(Context context, CancellationToken cancellationToken)
    {
        log.Add($"before {context.TransactionName}");
        if (context.Stub.Parameters is ["fail-before"])
        {
            throw new InvalidOperationException("Before hook refused");
        }

        return Task.CompletedTask;
    }

    protected override Task AfterTransactionAsync(Context context, object? result, CancellationToken cancellationToken)
    {
        log.Add($"after {context.TransactionName} -> {result ?? "null"}");
        return Task.CompletedTask;
    }

    protected override Task UnknownTransactionAsync(Context context, CancellationToken cancellationToken)
    {
        log.Add($"unknown {context.TransactionName}");
        return Task.CompletedTask;
    }

    [Transaction]
    public string Run(Context context, string input)
    {
        log.Add($"run {input}");
        if (input == "throw")
        {
            throw new InvalidOperationException("Transaction refused");
        }

        return input.ToUpperInvariant();
    }
}

public sealed class AuditContext : Context
{
    public string Marker => "audit:" + Stub.TxId;
}

public sealed class CustomContextContract : Contract
{
    protected override Context CreateContext() => new AuditContext();

    [Transaction(TransactionIntent.Evaluate)]
    public string Mark(AuditContext context) => context.Marker;
}

public sealed class WrongContextContract : Contract
{
    [Transaction(TransactionIntent.Evaluate)]
    public string Mark(AuditContext context) => context.Marker;
}

internal static class Hosts
{
    public static ContractTestHost Assets(CallLog? log = null) => new(services =>
    {
        services.AddContract<AssetContract>();
        services.AddContract<Greeter>();
        services.AddContract<TypesContract>();
        services.AddContract<HookedContract>();
        services.AddContract<CustomContextContract>();
        services.AddContract<WrongContextContract>();
        services.AddSingleton(log ?? new CallLog());
    });
}
