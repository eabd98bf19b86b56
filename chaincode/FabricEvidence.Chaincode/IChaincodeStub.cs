namespace FabricEvidence.Chaincode;

/// <summary>
/// Everything a chaincode can ask of the peer while it executes one transaction: its arguments and proposal, the
/// world state, private data, queries, history, key-level endorsement, events, and other chaincodes. Each state
/// operation is a round trip to the peer; calls of one transaction are serialised by the runtime, so a chaincode
/// may issue them from any task, but they execute one at a time, as Fabric requires.
/// </summary>
/// <remarks>
/// Values are returned as <see cref="byte"/> arrays; an absent key reads as <see langword="null"/> (Fabric returns an
/// empty value for a missing key and does not distinguish the two). Keys must be non-empty and valid Unicode (a lone
/// surrogate cannot be encoded as UTF-8); the bounds of simple-key range queries must not start with U+0000, the prefix
/// reserved for composite keys (which are read and written with the single-key calls like any other key). Violations
/// throw <see cref="ArgumentException"/> before anything is sent. A request the peer refuses throws
/// <see cref="PeerRequestException"/> with the peer's message.
/// </remarks>
public interface IChaincodeStub
{
    /// <summary>All arguments of the invocation, including the function name at index 0.</summary>
    IReadOnlyList<byte[]> Args { get; }

    /// <summary><see cref="Args"/> decoded as UTF-8.</summary>
    IReadOnlyList<string> StringArgs { get; }

    /// <summary>The function name: the first argument, decoded as UTF-8; empty when there are no arguments.</summary>
    string FunctionName { get; }

    /// <summary>The arguments after the function name, decoded as UTF-8.</summary>
    IReadOnlyList<string> Parameters { get; }

    /// <summary>The transaction id.</summary>
    string TxId { get; }

    /// <summary>The channel the transaction runs on.</summary>
    string ChannelId { get; }

    /// <summary>The serialized identity (<c>msp.SerializedIdentity</c>) of the client that signed the proposal.</summary>
    byte[] Creator { get; }

    /// <summary>
    /// <see cref="Creator"/> parsed: the client's MSP id, X.509 certificate and Fabric CA attributes. Parsed on first use;
    /// throws <see cref="FormatException"/> when the creator is not an X.509 <c>msp.SerializedIdentity</c>.
    /// </summary>
    ClientIdentity CreatorIdentity { get; }

    /// <summary>The transient data of the proposal: inputs that are never written to the ledger.</summary>
    IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <summary>SHA-256(nonce ‖ creator ‖ epoch as 8-byte little-endian), binding the proposal to this transaction.</summary>
    byte[] Binding { get; }

    /// <summary>The signed proposal as the peer received it; <see langword="null"/> when the peer sent none.</summary>
    FabricEvidence.Protocol.Peer.SignedProposal? SignedProposal { get; }

    /// <summary>
    /// The transaction timestamp chosen by the client (from the proposal's channel header), exact to the nanosecond.
    /// This is the only clock a chaincode may use: it is the same on every endorsing peer.
    /// </summary>
    FabricTimestamp TxTimestamp { get; }

    /// <summary>Decorations added by the peer's decorator plugins.</summary>
    IReadOnlyDictionary<string, byte[]> Decorations { get; }

    /// <summary>The MSP id of the peer running this chaincode (<c>CORE_PEER_LOCALMSPID</c>).</summary>
    string MspId { get; }

    /// <summary>Reads a key of the world state; <see langword="null"/> when absent.</summary>
    Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads several keys at once (one GET_STATE_MULTIPLE per batch on Fabric 3.1+ peers).</summary>
    /// <returns>The values in the order of <paramref name="keys"/>; <see langword="null"/> for absent keys.</returns>
    Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes a key of the world state (visible to later reads of this transaction only after commit).</summary>
    Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key of the world state.</summary>
    Task DeleteStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys in [<paramref name="startKey"/>, <paramref name="endKey"/>), in key order. Empty bounds are open.</summary>
    IStateQueryIterator<KeyValue> GetStateByRange(string startKey, string endKey);

    /// <summary>One page of a range query (read-only transactions only, as Fabric requires).</summary>
    Task<StateQueryPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Builds a composite key: U+0000, the object type, and each attribute followed by U+0000.</summary>
    string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes);

    /// <summary>Splits a composite key into its object type and attributes.</summary>
    (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey);

    /// <summary>All composite keys of <paramref name="objectType"/> whose leading attributes equal <paramref name="attributes"/>.</summary>
    IStateQueryIterator<KeyValue> GetStateByPartialCompositeKey(string objectType, IReadOnlyList<string> attributes);

    /// <summary>One page of a partial composite key query.</summary>
    Task<StateQueryPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>A rich (CouchDB selector) query over the world state.</summary>
    IStateQueryIterator<KeyValue> GetQueryResult(string query);

    /// <summary>One page of a rich query.</summary>
    Task<StateQueryPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Every committed change of <paramref name="key"/>, newest first.</summary>
    IStateQueryIterator<KeyModification> GetHistoryForKey(string key);

    /// <summary>Reads a key of a private data collection; <see langword="null"/> when absent.</summary>
    Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Reads several keys of a private data collection.</summary>
    Task<IReadOnlyList<byte[]?>> GetMultiplePrivateDataAsync(string collection, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 hash of a private value; readable by organisations that are not collection members.</summary>
    Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a key of a private data collection.</summary>
    Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key of a private data collection.</summary>
    Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private key and purges its history from the private store, keeping only its hash (Fabric 2.5+, capability V2_5).</summary>
    Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Private keys in [<paramref name="startKey"/>, <paramref name="endKey"/>).</summary>
    IStateQueryIterator<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey);

    /// <summary>Private composite keys by partial key.</summary>
    IStateQueryIterator<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, IReadOnlyList<string> attributes);

    /// <summary>A rich query over a private data collection.</summary>
    IStateQueryIterator<KeyValue> GetPrivateDataQueryResult(string collection, string query);

    /// <summary>Sets the key-level endorsement policy (a serialized <c>common.SignaturePolicyEnvelope</c>) of a public key.</summary>
    Task SetStateValidationParameterAsync(string key, byte[] policy, CancellationToken cancellationToken = default);

    /// <summary>The key-level endorsement policy of a public key; <see langword="null"/> when none is set.</summary>
    Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the key-level endorsement policy of a private key.</summary>
    Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] policy, CancellationToken cancellationToken = default);

    /// <summary>The key-level endorsement policy of a private key; <see langword="null"/> when none is set.</summary>
    Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the transaction's chaincode event. Fabric keeps one event per transaction: the last call wins.</summary>
    void SetEvent(string name, byte[] payload);

    /// <summary>Invokes another chaincode on <paramref name="channel"/> (this channel when <see langword="null"/>).</summary>
    Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Buffers subsequent writes (put, delete, purge, validation parameters) and sends them as WRITE_BATCH_STATE on
    /// peers that advertise it (Fabric 3.1+); on older peers writes go one by one. Buffered writes are flushed by
    /// <see cref="FinishWriteBatchAsync"/> and, at the latest, when the transaction completes.
    /// </summary>
    void StartWriteBatch();

    /// <summary>Sends the writes buffered since <see cref="StartWriteBatch"/>.</summary>
    Task FinishWriteBatchAsync(CancellationToken cancellationToken = default);
}
