using System.Globalization;
using System.Text.Json;
using Names = FabricEvidence.Verification.VerificationCheckNames;

namespace FabricEvidence.Verification.Internal;

internal sealed partial class VerificationRun
{
    // The evidence contract's record (chaincode/FabricEvidence.Evidence.Contract, EvidenceRecord): members read here.
    private const string RecordId = "id";
    private const string RecordDigest = "digest";
    private const string RecordDigestAlgorithm = "digestAlgorithm";
    private const string RecordState = "state";
    private const string RecordHolder = "holder";

    private readonly Dictionary<(string Item, string Tx), (string? State, string? Holder)> _recordStates = [];

    private void VerifyRecords(List<LocatedTransaction> located)
    {
        foreach (var item in _manifest.Items)
        {
            var transactions = located
                .Where(l => l.Envelope is not null && l.Claims.Any(c => ReferenceEquals(c.Item, item)))
                .ToList();
            (ulong Block, ulong Index, string TxId)? lastWrite = null;
            foreach (var transaction in transactions)
            {
                var envelope = transaction.Envelope!;
                var block = envelope.Block.Number;
                var txId = transaction.TransactionId;
                var subject = $"item {item.Id}, transaction {txId}";
                void Passed(string name, string message) => Pass(name, subject, message, block, txId, item.Id);
                void Failed(string name, string message) => Fail(name, subject, message, block, txId, item.Id);

                var ns = envelope.Namespace(_manifest.Chaincode);
                var read = ns?.ReadOf(item.RecordKey);
                var write = ns?.WriteOf(item.RecordKey);
                var key = Printable(item.RecordKey);
                if (read is null && write is null)
                {
                    Failed(Names.RecordWrite, $"the transaction neither reads nor writes the item's record (key {key} in '{_manifest.Chaincode}')");
                }
                else if (write is null)
                {
                    Passed(Names.RecordWrite, $"the transaction reads the item's record (key {key}) without changing it");
                }
                else if (write.IsDelete)
                {
                    Failed(Names.RecordWrite, $"the transaction deletes the item's record (key {key})");
                }
                else
                {
                    CheckWrittenRecord(item, transaction, write.Value.Memory, Passed, Failed);
                }

                if (read is null)
                {
                    Failed(Names.RecordHistory, "the transaction does not read the item's record, so its place in the record's history cannot be proven");
                }
                else if (lastWrite is null)
                {
                    if (read.Version is null)
                    {
                        Passed(Names.RecordHistory, "the record did not exist before this transaction: the history starts with it");
                    }
                    else
                    {
                        Failed(Names.RecordHistory, string.Create(CultureInfo.InvariantCulture,
                            $"the transaction read the record at version {read.Version.BlockNum}:{read.Version.TxNum}, written before the first transaction in the bundle: the bundle does not start with the record's creation"));
                    }
                }
                else
                {
                    var previous = lastWrite.Value;
                    if (read.Version is not null && read.Version.BlockNum == previous.Block && read.Version.TxNum == previous.Index)
                    {
                        Passed(Names.RecordHistory, string.Create(CultureInfo.InvariantCulture,
                            $"the transaction read the record version written by transaction {previous.TxId} (block {previous.Block}, position {previous.Index}): no change is missing in between"));
                    }
                    else
                    {
                        var version = read.Version is null ? "no version (the record absent)" : string.Create(CultureInfo.InvariantCulture, $"version {read.Version.BlockNum}:{read.Version.TxNum}");
                        Failed(Names.RecordHistory, string.Create(CultureInfo.InvariantCulture,
                            $"the transaction read {version}, but the previous change in the bundle is transaction {previous.TxId} at {previous.Block}:{previous.Index}: a change of the record is missing from the bundle or the order is wrong"));
                    }
                }

                if (write is not null && !write.IsDelete && transaction.IsValid)
                {
                    lastWrite = (block, (ulong)envelope.Index, txId);
                }
            }
        }
    }

    private void CheckWrittenRecord(BundleItem item, LocatedTransaction transaction, ReadOnlyMemory<byte> value, Action<string, string> passed, Action<string, string> failed)
    {
        try
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                failed(Names.RecordWrite, "the written record is not a JSON object");
                return;
            }

            var id = Text(root, RecordId);
            if (id != item.Id)
            {
                failed(Names.RecordWrite, $"the written record has the id '{id}', not '{item.Id}'");
                return;
            }

            var state = Text(root, RecordState);
            var holder = Text(root, RecordHolder);
            _recordStates[(item.Id, transaction.TransactionId)] = (state, holder);
            passed(Names.RecordWrite, $"the transaction writes the item's record{(state is null ? string.Empty : $": state {state}")}{(holder is null ? string.Empty : $", holder {holder}")}");

            var algorithm = Text(root, RecordDigestAlgorithm);
            var digest = Text(root, RecordDigest);
            if (algorithm == item.DigestAlgorithm && digest == item.Digest)
            {
                passed(Names.RecordDigest, $"the record holds the {algorithm} digest {digest}, as the manifest states");
            }
            else
            {
                failed(Names.RecordDigest, $"the record holds the {algorithm ?? "(no)"} digest {digest ?? "(none)"}, but the manifest states {item.DigestAlgorithm} {item.Digest}");
            }
        }
        catch (JsonException e)
        {
            failed(Names.RecordWrite, $"the written record is not JSON ({e.Message})");
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<Dictionary<string, string>> VerifyFilesAsync(IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken)
    {
        var computed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var item = _manifest.Items.FirstOrDefault(i => i.Id == file.ItemId);
            if (item is null)
            {
                Fail(Names.FileDigest, $"file for item {file.ItemId}", $"a file was given for item {file.ItemId}, which the bundle does not hold", item: file.ItemId);
                continue;
            }

            string digest;
            try
            {
                digest = await Verification.FileDigest.ComputeAsync(file.Content, item.DigestAlgorithm, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                Fail(Names.FileDigest, $"item {item.Id}", $"the file for item {item.Id} cannot be read ({e.Message})", item: item.Id);
                continue;
            }

            computed[item.Id] = digest;
            if (digest == item.Digest)
            {
                Pass(Names.FileDigest, $"item {item.Id}", $"the file's {item.DigestAlgorithm} digest {digest} equals the recorded digest", item: item.Id);
            }
            else
            {
                Fail(Names.FileDigest, $"item {item.Id}", $"the file's {item.DigestAlgorithm} digest is {digest}, but the recorded digest is {item.Digest}: it is not the recorded file", item: item.Id);
            }
        }

        foreach (var item in _manifest.Items.Where(i => !computed.ContainsKey(i.Id) && !files.Any(f => f.ItemId == i.Id)))
        {
            Skip(Names.FileDigest, $"item {item.Id}", $"no file was given for item {item.Id}; the recorded {item.DigestAlgorithm} digest is {item.Digest}", item: item.Id);
        }

        return computed;
    }

    private BundleVerificationResult BuildResult(List<LocatedTransaction> located, Dictionary<string, string> computed)
    {
        var failedTransactions = _checks.Where(c => c.Outcome == CheckOutcome.Failed && c.TransactionId is not null)
            .Select(c => c.TransactionId!).ToHashSet(StringComparer.Ordinal);
        var transactions = new List<VerifiedTransaction>();
        var byId = new Dictionary<string, VerifiedTransaction>(StringComparer.Ordinal);
        foreach (var transaction in located.Where(l => l.Result is not null))
        {
            var result = transaction.Result!;
            result.IsVerified = !failedTransactions.Contains(result.TransactionId);
            foreach (var (item, _) in transaction.Claims)
            {
                // A transaction writes one item's record; the evidence contract never changes two records at once.
                if (result.RecordState is null && _recordStates.TryGetValue((item.Id, result.TransactionId), out var state))
                {
                    result.RecordState = state.State;
                    result.RecordHolder = state.Holder;
                }
            }

            transactions.Add(result);
            byId[result.TransactionId] = result;
        }

        foreach (var lifecycle in _lifecycleResults.Values)
        {
            lifecycle.IsVerified = !failedTransactions.Contains(lifecycle.TransactionId);
        }

        var items = _manifest.Items.Select(item => new VerifiedItem
        {
            ItemId = item.Id,
            DigestAlgorithm = item.DigestAlgorithm,
            RecordedDigest = item.Digest,
            ComputedDigest = computed.GetValueOrDefault(item.Id),
            Transactions = [.. located
                .Where(l => l.Result is not null && l.Claims.Any(c => ReferenceEquals(c.Item, item)))
                .Select(l => l.Result!)],
        }).ToList();

        var trusted = _options.TrustedRootFingerprints
            .Select(f => f.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var verdict = _checks.Any(c => c.Outcome == CheckOutcome.Failed) ? VerificationVerdict.NotVerified
            : _checks.Any(c => c.Outcome == CheckOutcome.Skipped && c.Name == Names.FileDigest) ? VerificationVerdict.Incomplete
            : VerificationVerdict.Verified;
        return new BundleVerificationResult
        {
            Verdict = verdict,
            Checks = [.. _checks],
            Channel = _manifest.Channel,
            Chaincode = _manifest.Chaincode,
            Items = items,
            Transactions = transactions,
            ChaincodeDefinitions = [.. _definitions.Values],
            Organizations = [.. _anchors.Select(a => new VerifiedOrganization
            {
                MspId = a.Key,
                RootFingerprints = [.. a.Value.Keys],
                RootSubjects = [.. a.Value.Values],
                IsTrusted = trusted.Count == 0 ? null : a.Value.Keys.All(trusted.Contains),
            })],
            FirstBlock = _manifest.FirstBlock,
            LastBlock = _manifest.LastBlock,
            LastBlockHash = _lastBlockHash,
        };
    }
}
