using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using FabricEvidence.Verification.Internal;
using Google.Protobuf;

namespace FabricEvidence.Verification;

/// <summary>
/// Builds an <see cref="EvidenceBundle"/> from a ledger: given an item's transaction ids, it fetches the blocks that
/// hold them, follows each transaction's <c>_lifecycle</c> read to the blocks that committed the chaincode definition
/// in force, follows every block's last-configuration index to the configuration blocks, and takes the header of every
/// block in between so that the hash chain is continuous.
/// </summary>
/// <remarks>
/// The builder checks only what it needs to find its way (that each transaction is where the source says and invokes
/// the chaincode); verifying is <see cref="BundleVerifier"/>'s job. The manifest's digest and algorithm are read from
/// the first write of the item's record among the given transactions (its submission), and the channel from the
/// configuration block.
/// </remarks>
public sealed class EvidenceBundleBuilder
{
    private static readonly BundleEntry Unlisted = new() { Path = string.Empty, Kind = BundleEntryKind.Block, Sha256 = string.Empty };

    private readonly IBlockSource _source;

    /// <summary>Creates a builder that reads blocks from <paramref name="source"/>.</summary>
    /// <param name="source">The blocks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public EvidenceBundleBuilder(IBlockSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Builds the bundle.</summary>
    /// <param name="request">The chaincode, items and transactions.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The request names no item, an item has no transaction, or an id is empty.</exception>
    /// <exception cref="BundleBuildException">The ledger does not hold what the request says; the message says what.</exception>
    public async Task<EvidenceBundle> BuildAsync(BundleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var build = new Build(_source, cancellationToken);
        var items = new List<BundleItem>();
        foreach (var itemRequest in request.Items)
        {
            var recordKey = itemRequest.RecordKey ?? RecordKeys.EvidenceRecord(itemRequest.ItemId);
            var transactions = new List<ParsedEnvelope>();
            foreach (var txId in itemRequest.TransactionIds.Distinct(StringComparer.Ordinal))
            {
                var envelope = await build.FindTransactionAsync(txId).ConfigureAwait(false);
                if (envelope.ChaincodeName != request.Chaincode)
                {
                    throw new BundleBuildException($"Transaction {txId} (block {envelope.Block.Number}) invokes chaincode '{envelope.ChaincodeName}', not '{request.Chaincode}'.");
                }

                build.Mark(envelope.Block.Number, BlockPurposes.Transactions);
                await build.AddDefinitionAsync(envelope, request.Chaincode).ConfigureAwait(false);
                transactions.Add(envelope);
            }

            transactions.Sort((a, b) => a.Block.Number != b.Block.Number ? a.Block.Number.CompareTo(b.Block.Number) : a.Index.CompareTo(b.Index));
            var (algorithm, digest) = RecordedDigest(transactions, request.Chaincode, recordKey, itemRequest.ItemId);
            items.Add(new BundleItem
            {
                Id = itemRequest.ItemId,
                RecordKey = recordKey,
                DigestAlgorithm = algorithm,
                Digest = digest,
                Transactions = [.. transactions.Select(t => new BundleTransaction
                {
                    TransactionId = t.TransactionId,
                    BlockNumber = t.Block.Number,
                    Role = t.EventName.Length > 0 ? t.EventName : t.Function,
                })],
            });
        }

        await build.AddConfigurationsAsync().ConfigureAwait(false);
        return await build.ToBundleAsync(request.Chaincode, items).ConfigureAwait(false);
    }

    private static void Validate(BundleRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Chaincode, nameof(request));
        if (request.Items is not { Count: > 0 })
        {
            throw new ArgumentException("The request names no item.", nameof(request));
        }

        foreach (var item in request.Items)
        {
            if (string.IsNullOrEmpty(item.ItemId))
            {
                throw new ArgumentException("An item of the request has no id.", nameof(request));
            }

            if (item.TransactionIds is not { Count: > 0 } || item.TransactionIds.Any(string.IsNullOrEmpty))
            {
                throw new ArgumentException($"Item {item.ItemId} names no transaction, or an empty transaction id.", nameof(request));
            }
        }
    }

    private static (string Algorithm, string Digest) RecordedDigest(List<ParsedEnvelope> transactions, string chaincode, string recordKey, string itemId)
    {
        for (var i = 0; i < transactions.Count; i++)
        {
            var write = transactions[i].Namespace(chaincode)?.WriteOf(recordKey);
            if (write is null || write.IsDelete)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(write.Value.Memory);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("digestAlgorithm", out var algorithm) && algorithm.ValueKind == JsonValueKind.String
                    && json.RootElement.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String)
                {
                    return (algorithm.GetString()!, digest.GetString()!);
                }
            }
            catch (JsonException)
            {
                // Not a record this builder can read; an earlier write may be.
            }
        }

        throw new BundleBuildException($"None of the transactions of item {itemId} writes its record (key {VerificationRun.Printable(recordKey)}) with a digest and digest algorithm.");
    }

    /// <summary>The state of one build: the blocks fetched and why each is included.</summary>
    private sealed class Build(IBlockSource source, CancellationToken cancellationToken)
    {
        private readonly SortedDictionary<ulong, (ReadOnlyMemory<byte> Bytes, ParsedBlock Block)> _blocks = [];
        private readonly Dictionary<ulong, BlockPurposes> _purposes = [];

        public void Mark(ulong block, BlockPurposes purpose) =>
            _purposes[block] = _purposes.GetValueOrDefault(block) | purpose;

        public async Task<ParsedEnvelope> FindTransactionAsync(string txId)
        {
            var bytes = await source.GetBlockByTransactionIdAsync(txId, cancellationToken).ConfigureAwait(false);
            var block = Parse(bytes, $"the block the source returned for transaction {txId}");
            block = Keep(bytes, block);
            for (var i = 0; i < block.Data.Count; i++)
            {
                var envelope = block.Envelope(i);
                if (envelope.TransactionId == txId)
                {
                    return envelope.Error is null && envelope.Type == HeaderType.EndorserTransaction
                        ? envelope
                        : throw new BundleBuildException($"Transaction {txId} in block {block.Number} is not a readable endorser transaction: {envelope.Error ?? envelope.Type.ToString()}.");
                }
            }

            throw new BundleBuildException($"The source returned block {block.Number} for transaction {txId}, but the block does not hold it.");
        }

        /// <summary>Adds the _lifecycle blocks that committed the definition the transaction ran under, following unchanged fields back.</summary>
        public async Task AddDefinitionAsync(ParsedEnvelope envelope, string chaincode)
        {
            var sequence = envelope.Namespace(LifecycleHistory.LifecycleNamespace)?.ReadOf(LifecycleHistory.FieldKey(chaincode, "Sequence"));
            if (sequence?.Version is null)
            {
                throw new BundleBuildException($"Transaction {envelope.TransactionId} does not read the definition of '{chaincode}' from _lifecycle; it did not run under a _lifecycle chaincode definition.");
            }

            var pending = new Queue<(ulong Block, ulong Index)>();
            pending.Enqueue((sequence.Version.BlockNum, sequence.Version.TxNum));
            var seen = new HashSet<(ulong, ulong)>();
            while (pending.TryDequeue(out var position))
            {
                if (!seen.Add(position))
                {
                    continue;
                }

                var block = await GetAsync(position.Block).ConfigureAwait(false);
                if (position.Index >= (ulong)block.Data.Count)
                {
                    throw new BundleBuildException($"The chaincode definition of '{chaincode}' was written at block {position.Block} transaction {position.Index}, which does not exist.");
                }

                Mark(position.Block, BlockPurposes.ChaincodeDefinition);
                var commit = block.Envelope((int)position.Index).Namespace(LifecycleHistory.LifecycleNamespace);
                foreach (var field in new[] { "EndorsementInfo", "ValidationInfo", "Collections" })
                {
                    var key = LifecycleHistory.FieldKey(chaincode, field);
                    if (commit?.WriteOf(key) is null && commit?.ReadOf(key)?.Version is { } earlier)
                    {
                        pending.Enqueue((earlier.BlockNum, earlier.TxNum));
                    }
                }
            }
        }

        /// <summary>Adds the configuration block each included block names as its last configuration.</summary>
        public async Task AddConfigurationsAsync()
        {
            foreach (var block in _blocks.Values.Select(b => b.Block).ToList())
            {
                var index = block.LastConfigIndex(out var error)
                    ?? throw new BundleBuildException($"Block {block.Number} does not name its configuration block: {error}.");
                await GetAsync(index).ConfigureAwait(false);
                Mark(index, BlockPurposes.Configuration);
            }
        }

        public async Task<EvidenceBundle> ToBundleAsync(string chaincode, List<BundleItem> items)
        {
            var configuration = _blocks[_purposes.Where(p => p.Value.HasFlag(BlockPurposes.Configuration)).Min(p => p.Key)].Block.Envelope(0);
            var channel = configuration.ChannelHeader?.ChannelId
                ?? throw new BundleBuildException($"The configuration block {configuration.Block.Number} cannot be read: {configuration.Error}.");
            var full = _purposes.Keys.Order().ToList();
            var first = full[0];
            var last = full[^1];
            var entries = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            var manifestEntries = new List<BundleEntry>();
            foreach (var number in full)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"blocks/{number}.block");
                var bytes = _blocks[number].Bytes;
                entries[path] = bytes;
                manifestEntries.Add(new BundleEntry
                {
                    Path = path,
                    Kind = BundleEntryKind.Block,
                    BlockNumber = number,
                    IncludedFor = _purposes[number],
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span)),
                });
            }

            var headers = new MemoryStream();
            var count = 0;
            for (var number = first; number < last; number++)
            {
                if (_purposes.ContainsKey(number))
                {
                    continue;
                }

                var bytes = await source.GetBlockAsync(number, cancellationToken).ConfigureAwait(false);
                var header = Parse(bytes, $"block {number}").Header;
                if (header.Number != number)
                {
                    throw new BundleBuildException($"The source returned block {header.Number} when asked for block {number}.");
                }

                header.WriteDelimitedTo(headers);
                count++;
            }

            if (count > 0)
            {
                var bytes = headers.ToArray();
                entries[EvidenceBundle.HeadersPath] = bytes;
                manifestEntries.Add(new BundleEntry
                {
                    Path = EvidenceBundle.HeadersPath,
                    Kind = BundleEntryKind.Headers,
                    HeaderCount = count,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                });
            }

            var manifest = new BundleManifest
            {
                Channel = channel,
                Chaincode = chaincode,
                FirstBlock = first,
                LastBlock = last,
                Items = items,
                Entries = manifestEntries,
            };
            return new EvidenceBundle(manifest, entries);
        }

        private async Task<ParsedBlock> GetAsync(ulong number)
        {
            if (_blocks.TryGetValue(number, out var known))
            {
                return known.Block;
            }

            var bytes = await source.GetBlockAsync(number, cancellationToken).ConfigureAwait(false);
            var block = Parse(bytes, $"block {number}");
            if (block.Number != number)
            {
                throw new BundleBuildException($"The source returned block {block.Number} when asked for block {number}.");
            }

            return Keep(bytes, block);
        }

        private ParsedBlock Keep(ReadOnlyMemory<byte> bytes, ParsedBlock block)
        {
            if (_blocks.TryGetValue(block.Number, out var known))
            {
                return known.Block;
            }

            _blocks[block.Number] = (bytes, block);
            return block;
        }

        private static ParsedBlock Parse(ReadOnlyMemory<byte> bytes, string what) =>
            ParsedBlock.TryParse(bytes, Unlisted, out var error) ?? throw new BundleBuildException($"{what} cannot be read: {error}.");
    }
}
