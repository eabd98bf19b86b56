using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.KvChaincode;

// The KV chaincode of the network benchmarks: the smallest contract whose speed is the runtime's and the peers'.
await using var server = ChaincodeServer.CreateBuilder(args).AddContract<KvContract>().Build();
await server.RunAsync();

namespace FabricEvidence.KvChaincode
{
/// <summary>Put and Get, nothing else.</summary>
[Contract(Name = "kv")]
public sealed class KvContract : Contract
{
    /// <summary>Writes a value.</summary>
    [Transaction]
    public async Task Put(Context context, string key, string value) => await context.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value));

    /// <summary>Reads a value; empty when absent.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<string> Get(Context context, string key) => await context.Stub.GetStateAsync(key) is { } value ? Encoding.UTF8.GetString(value) : string.Empty;
}
}
