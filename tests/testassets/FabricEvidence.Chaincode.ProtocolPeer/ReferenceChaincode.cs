using System.Text;
using FabricEvidence.Protocol.Msp;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>
/// The C# twin of tests/testassets/node/chaincode/reference-chaincode.js: the same functions, written the same way against
/// <see cref="IChaincodeStub"/>, so that a conversation with it can be compared message by message with a
/// conversation with Hyperledger's Node shim. Every function returns its result as the UTF-8 payload; any exception
/// becomes status 500 with its message (what the Node twin does with <c>shim.error(err.message)</c>).
/// </summary>
public sealed class ReferenceChaincode : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => DispatchAsync(stub);

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) => DispatchAsync(stub);

    private static async Task<ChaincodeResponse> DispatchAsync(IChaincodeStub stub)
    {
        try
        {
            var payload = await RunAsync(stub, stub.FunctionName, stub.Parameters);
            return ChaincodeResponse.Success(Encoding.UTF8.GetBytes(payload));
        }
        catch (Exception ex)
        {
            return ChaincodeResponse.Failure(ex.Message);
        }
    }

    private static string Text(byte[]? value) => value is null ? string.Empty : Encoding.UTF8.GetString(value);

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    private static string Kv(KeyValue kv) => $"{kv.Key}={Text(kv.Value)}";

    private static string SplitKey(IChaincodeStub stub, string key)
    {
        var (type, attributes) = stub.SplitCompositeKey(key);
        return $"{type}:{string.Join(",", attributes)}";
    }

    private static async Task<string> CollectAsync<T>(IStateQueryIterator<T> iterator, Func<T, string> describe)
    {
        var parts = new List<string>();
        await foreach (var record in iterator)
        {
            parts.Add(describe(record));
        }

        return string.Join(";", parts);
    }

    private static string Page(StateQueryPage<KeyValue> page, Func<KeyValue, string> describe) =>
        $"{page.FetchedRecordsCount}|{page.Bookmark}|{string.Join(";", page.Records.Select(describe))}";

    private static async Task<string> RunAsync(IChaincodeStub stub, string function, IReadOnlyList<string> a)
    {
        switch (function)
        {
            case "put":
                await stub.PutStateAsync(a[0], Utf8(a[1]));
                return string.Empty;
            case "get":
                return Text(await stub.GetStateAsync(a[0]));
            case "del":
                await stub.DeleteStateAsync(a[0]);
                return string.Empty;
            case "getput":
            {
                var old = Text(await stub.GetStateAsync(a[0]));
                await stub.PutStateAsync(a[0], Utf8(a[1]));
                return old;
            }

            case "range":
                return await CollectAsync(stub.GetStateByRange(a[0], a[1]), Kv);
            case "rangeFirst":
            {
                var n = int.Parse(a[2], System.Globalization.CultureInfo.InvariantCulture);
                var keys = new List<string>();
                await foreach (var r in stub.GetStateByRange(a[0], a[1]))
                {
                    keys.Add(r.Key);
                    if (keys.Count >= n)
                    {
                        break;
                    }
                }

                return string.Join(";", keys);
            }

            case "rangePage":
                return Page(await stub.GetStateByRangeWithPaginationAsync(a[0], a[1], int.Parse(a[2], System.Globalization.CultureInfo.InvariantCulture), a[3]), Kv);
            case "composite":
            {
                var key = stub.CreateCompositeKey(a[0], a.Skip(1).ToList());
                await stub.PutStateAsync(key, Utf8("v"));
                return SplitKey(stub, key);
            }

            case "partial":
                return await CollectAsync(stub.GetStateByPartialCompositeKey(a[0], a.Skip(1).ToList()), r => SplitKey(stub, r.Key));
            case "partialPage":
                return Page(await stub.GetStateByPartialCompositeKeyWithPaginationAsync(a[0], a.Skip(3).ToList(), int.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture), a[2]), r => SplitKey(stub, r.Key));
            case "query":
                return await CollectAsync(stub.GetQueryResult(a[0]), Kv);
            case "queryPage":
                return Page(await stub.GetQueryResultWithPaginationAsync(a[0], int.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture), a[2]), Kv);
            case "history":
                return await CollectAsync(stub.GetHistoryForKey(a[0]), m => $"{m.TxId}:{(m.IsDelete ? "true" : "false")}:{Text(m.Value)}");
            case "pput":
                await stub.PutPrivateDataAsync(a[0], a[1], Utf8(a[2]));
                return string.Empty;
            case "pget":
                return Text(await stub.GetPrivateDataAsync(a[0], a[1]));
            case "pdel":
                await stub.DeletePrivateDataAsync(a[0], a[1]);
                return string.Empty;
            case "ppurge":
                await stub.PurgePrivateDataAsync(a[0], a[1]);
                return string.Empty;
            case "phash":
                return Convert.ToHexStringLower(await stub.GetPrivateDataHashAsync(a[0], a[1]) ?? Array.Empty<byte>());
            case "prange":
                return await CollectAsync(stub.GetPrivateDataByRange(a[0], a[1], a[2]), Kv);
            case "ppartial":
                return await CollectAsync(stub.GetPrivateDataByPartialCompositeKey(a[0], a[1], a.Skip(2).ToList()), r => SplitKey(stub, r.Key));
            case "pquery":
                return await CollectAsync(stub.GetPrivateDataQueryResult(a[0], a[1]), Kv);
            case "sbeset":
                await stub.SetStateValidationParameterAsync(a[0], Convert.FromHexString(a[1]));
                return string.Empty;
            case "sbeget":
                return Convert.ToHexStringLower(await stub.GetStateValidationParameterAsync(a[0]) ?? Array.Empty<byte>());
            case "psbeset":
                await stub.SetPrivateDataValidationParameterAsync(a[0], a[1], Convert.FromHexString(a[2]));
                return string.Empty;
            case "psbeget":
                return Convert.ToHexStringLower(await stub.GetPrivateDataValidationParameterAsync(a[0], a[1]) ?? Array.Empty<byte>());
            case "event":
                stub.SetEvent("first", Utf8("overwritten"));
                stub.SetEvent(a[0], Utf8(a[1]));
                return string.Empty;
            case "invoke":
            {
                var response = await stub.InvokeChaincodeAsync(a[0], a.Skip(2).Select(Utf8).ToList(), a[1]);
                return $"{response.Status}|{response.Message}|{Text(response.Payload)}";
            }

            case "fail":
                throw new InvalidOperationException(a[0]);
            case "txinfo":
            {
                var transient = string.Join(",", stub.Transient.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={Text(t.Value)}"));
                var creator = SerializedIdentity.Parser.ParseFrom(stub.Creator).Mspid;
                return string.Join("|", stub.TxId, stub.ChannelId, creator, transient,
                    stub.TxTimestamp.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToHexStringLower(stub.Binding), stub.MspId, string.Join(",", stub.StringArgs));
            }

            case "concurrent":
            {
                var values = await Task.WhenAll(a.Select(k => stub.GetStateAsync(k)));
                return string.Join(";", values.Select(Text));
            }

            default:
                throw new InvalidOperationException($"unknown function {function}");
        }
    }
}
