using System.Globalization;
using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Names = FabricEvidence.Verification.VerificationCheckNames;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// One verification of one bundle: decodes what it needs once, makes the checks in a fixed order and collects them.
/// Nothing here throws for bad input; every problem becomes a failed check naming what and where.
/// </summary>
internal sealed partial class VerificationRun : IDisposable
{
    private readonly EvidenceBundle _bundle;
    private readonly BundleManifest _manifest;
    private readonly BundleVerifierOptions _options;
    private readonly List<VerificationCheck> _checks = [];
    private readonly SortedDictionary<ulong, ParsedBlock> _blocks = [];
    private readonly Dictionary<ulong, BlockHeader> _headers = [];
    private readonly Dictionary<ulong, ChannelConfiguration> _configurations = [];
    private readonly Dictionary<ulong, ChannelConfiguration> _inForce = [];
    private readonly LifecycleHistory _lifecycle = new();
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _anchors = new(StringComparer.Ordinal);
    private string _lastBlockHash = string.Empty;

    public VerificationRun(EvidenceBundle bundle, BundleVerifierOptions options)
    {
        _bundle = bundle;
        _manifest = bundle.Manifest;
        _options = options;
    }

    public static BundleVerificationResult Unreadable(string message) => new()
    {
        Verdict = VerificationVerdict.NotVerified,
        Checks = [new VerificationCheck { Name = Names.BundleFormat, Subject = "bundle", Outcome = CheckOutcome.Failed, Message = message }],
    };

    public async Task<BundleVerificationResult> RunAsync(IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken)
    {
        Pass(Names.BundleFormat, "bundle", $"a {BundleManifest.FormatName} bundle, format version {_manifest.FormatVersion}, channel '{_manifest.Channel}', chaincode '{_manifest.Chaincode}'");
        CheckCanonicalManifest();
        CheckEntries();
        DecodeBlocks();
        DecodeHeaders();
        CheckManifestRange();
        CheckDataHashes();
        CheckHashChain();
        LoadConfigurations();
        AssignConfigurationsInForce();
        CheckOrdererSignatures();
        CollectLifecycle();
        var located = LocateTransactions();
        CheckPurposes(located);
        VerifyTransactions(located);
        VerifyRecords(located);
        var computed = await VerifyFilesAsync(files, cancellationToken).ConfigureAwait(false);
        CheckTrustAnchors();
        return BuildResult(located, computed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entries, blocks, headers, hash chain

    private void CheckCanonicalManifest()
    {
        if (_bundle.ManifestBytes is not { } original)
        {
            return;
        }

        bool canonical;
        try
        {
            canonical = original.Span.SequenceEqual(ManifestJson.Write(_manifest));
        }
        catch (ArgumentException)
        {
            canonical = false;
        }

        if (canonical)
        {
            Pass(Names.Manifest, EvidenceBundle.ManifestPath, "manifest.json is in its canonical form (RFC 8785): no byte of it differs from what its content prescribes");
        }
        else
        {
            Fail(Names.Manifest, EvidenceBundle.ManifestPath, "manifest.json is not in its canonical form (RFC 8785): a byte of it was altered without changing its values, or a non-conforming tool wrote it");
        }
    }

    private void CheckEntries()
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var matched = 0;
        foreach (var entry in _manifest.Entries)
        {
            if (!listed.Add(entry.Path))
            {
                Fail(Names.BundleEntries, entry.Path, $"the manifest lists {entry.Path} twice");
                continue;
            }

            if (!_bundle.Entries.TryGetValue(entry.Path, out var bytes))
            {
                Fail(Names.BundleEntries, entry.Path, $"the manifest lists {entry.Path}, but the bundle does not contain it");
                continue;
            }

            var digest = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
            if (digest != entry.Sha256)
            {
                Fail(Names.BundleEntries, entry.Path, $"{entry.Path} has SHA-256 {digest}; the manifest states {entry.Sha256}: the entry was altered or damaged");
                continue;
            }

            matched++;
        }

        foreach (var path in _bundle.Entries.Keys.Order(StringComparer.Ordinal))
        {
            if (!listed.Contains(path))
            {
                Fail(Names.BundleEntries, path, $"the bundle contains {path}, which the manifest does not list");
            }
        }

        if (matched > 0)
        {
            Pass(Names.BundleEntries, "bundle", string.Create(CultureInfo.InvariantCulture, $"{matched} of {_manifest.Entries.Count} listed entries are present with the SHA-256 the manifest states"));
        }
    }

    private void DecodeBlocks()
    {
        var decoded = 0;
        foreach (var entry in _manifest.Entries.Where(e => e.Kind == BundleEntryKind.Block))
        {
            var number = entry.BlockNumber!.Value;
            if (!_bundle.Entries.TryGetValue(entry.Path, out var bytes))
            {
                continue;
            }

            var block = ParsedBlock.TryParse(bytes, entry, out var error);
            if (block is null)
            {
                Fail(Names.BlockStructure, $"block {number}", $"{entry.Path}: {error}", block: number);
                continue;
            }

            if (block.Number != number)
            {
                Fail(Names.BlockStructure, $"block {number}", $"{entry.Path} holds block {block.Number}, not block {number} as the manifest states", block: number);
                continue;
            }

            if (!_blocks.TryAdd(number, block))
            {
                Fail(Names.BlockStructure, $"block {number}", $"the manifest lists block {number} more than once", block: number);
                continue;
            }

            _headers[number] = block.Header;
            decoded++;
        }

        if (decoded > 0)
        {
            Pass(Names.BlockStructure, "blocks", string.Create(CultureInfo.InvariantCulture, $"{decoded} blocks decode as common.Block with the numbers the manifest states"));
        }
    }

    private void DecodeHeaders()
    {
        foreach (var entry in _manifest.Entries.Where(e => e.Kind == BundleEntryKind.Headers))
        {
            if (!_bundle.Entries.TryGetValue(entry.Path, out var bytes))
            {
                continue;
            }

            var headers = new List<BlockHeader>();
            try
            {
                var input = new CodedInputStream(bytes.ToArray());
                while (!input.IsAtEnd)
                {
                    var header = new BlockHeader();
                    input.ReadMessage(header);
                    headers.Add(header);
                }
            }
            catch (InvalidProtocolBufferException e)
            {
                Fail(Names.BlockStructure, entry.Path, $"{entry.Path} is not a sequence of length-delimited common.BlockHeader messages ({e.Message}); it decoded up to header {headers.Count}");
                continue;
            }

            var problems = new List<string>();
            if (headers.Count != entry.HeaderCount)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"it holds {headers.Count} headers; the manifest states {entry.HeaderCount}"));
            }

            ulong? previous = null;
            foreach (var header in headers)
            {
                if (previous is { } p && header.Number <= p)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"header {header.Number} follows header {p}; headers must ascend"));
                }
                else if (_blocks.ContainsKey(header.Number))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"it holds a header for block {header.Number}, which is included in full"));
                }
                else if (header.Number < _manifest.FirstBlock || header.Number > _manifest.LastBlock)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"it holds a header for block {header.Number}, outside the hash chain {_manifest.FirstBlock}–{_manifest.LastBlock}"));
                }
                else
                {
                    _headers[header.Number] = header;
                }

                previous = header.Number;
            }

            if (problems.Count > 0)
            {
                Fail(Names.BlockStructure, entry.Path, $"{entry.Path}: {string.Join("; ", problems)}");
            }
            else
            {
                Pass(Names.BlockStructure, entry.Path, string.Create(CultureInfo.InvariantCulture, $"{headers.Count} block headers decode, in ascending order, for blocks not included in full"));
            }
        }
    }

    private void CheckManifestRange()
    {
        if (_blocks.Count == 0)
        {
            Fail(Names.Manifest, "bundle", "the bundle holds no block that could be decoded");
            return;
        }

        var first = _blocks.Keys.First();
        var last = _blocks.Keys.Last();
        if (first != _manifest.FirstBlock || last != _manifest.LastBlock)
        {
            Fail(Names.Manifest, "bundle", string.Create(CultureInfo.InvariantCulture,
                $"the manifest's hash chain runs from block {_manifest.FirstBlock} to {_manifest.LastBlock}, but the blocks included in full run from {first} to {last}"));
        }
        else
        {
            Pass(Names.Manifest, "bundle", string.Create(CultureInfo.InvariantCulture, $"the hash chain runs from block {first} to block {last}, the first and last blocks included in full"));
        }
    }

    private void CheckDataHashes()
    {
        foreach (var block in _blocks.Values)
        {
            var computed = BlockHashing.DataHash(block.Data);
            if (computed.AsSpan().SequenceEqual(block.Header.DataHash.Span))
            {
                Pass(Names.BlockDataHash, $"block {block.Number}", string.Create(CultureInfo.InvariantCulture, $"SHA-256 of the block's {block.Data.Count} data entries equals the header's data hash"), block: block.Number);
            }
            else
            {
                Fail(Names.BlockDataHash, $"block {block.Number}",
                    $"SHA-256 of the block's data is {Convert.ToHexStringLower(computed)}, but the header's data hash is {Convert.ToHexStringLower(block.Header.DataHash.Span)}: the block's transactions were altered",
                    block: block.Number);
            }
        }
    }

    private void CheckHashChain()
    {
        var links = 0;
        var failed = false;
        for (var number = _manifest.FirstBlock; ; number++)
        {
            if (!_headers.TryGetValue(number, out var header))
            {
                failed = true;
                Fail(Names.BlockHashChain, $"block {number}", $"neither block {number} nor its header is in the bundle: the hash chain is broken", block: number);
            }
            else
            {
                if (header.Number != number)
                {
                    failed = true;
                    Fail(Names.BlockHashChain, $"block {number}", $"the header in place of block {number} says it is block {header.Number}", block: number);
                }

                if (number > _manifest.FirstBlock && _headers.TryGetValue(number - 1, out var previous))
                {
                    var expected = BlockHashing.HeaderHash(previous);
                    if (expected.AsSpan().SequenceEqual(header.PreviousHash.Span))
                    {
                        links++;
                    }
                    else
                    {
                        failed = true;
                        Fail(Names.BlockHashChain, $"block {number}",
                            $"block {number} names {Convert.ToHexStringLower(header.PreviousHash.Span)} as its predecessor's hash, but block {number - 1}'s header hashes to {Convert.ToHexStringLower(expected)}",
                            block: number);
                    }
                }
            }

            if (number == _manifest.LastBlock)
            {
                break;
            }
        }

        if (_headers.TryGetValue(_manifest.LastBlock, out var last))
        {
            _lastBlockHash = Convert.ToHexStringLower(BlockHashing.HeaderHash(last));
        }

        if (!failed)
        {
            Pass(Names.BlockHashChain, string.Create(CultureInfo.InvariantCulture, $"blocks {_manifest.FirstBlock}–{_manifest.LastBlock}"),
                string.Create(CultureInfo.InvariantCulture, $"every block from {_manifest.FirstBlock} to {_manifest.LastBlock} is present and names its predecessor's header hash ({links} links); the last block's header hash is {_lastBlockHash}"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Configuration

    private void LoadConfigurations()
    {
        foreach (var block in _blocks.Values)
        {
            if (block.Data.Count != 1)
            {
                continue;
            }

            var envelope = block.Envelope(0);
            if (envelope.Type != HeaderType.Config)
            {
                continue;
            }

            var subject = $"block {block.Number}";
            if (envelope.Error is not null)
            {
                Fail(Names.ChannelConfiguration, subject, $"the configuration transaction of block {block.Number}: {envelope.Error}", block: block.Number);
                continue;
            }

            ChannelConfiguration configuration;
            try
            {
                configuration = ChannelConfiguration.FromEnvelope(block.Number, envelope);
            }
            catch (InvalidProtocolBufferException e)
            {
                Fail(Names.ChannelConfiguration, subject, $"the channel configuration of block {block.Number} cannot be decoded ({e.Message})", block: block.Number);
                continue;
            }

            _configurations[block.Number] = configuration;
            var problems = new List<string>(configuration.Problems);
            if (configuration.Channel != _manifest.Channel)
            {
                problems.Add($"it configures channel '{configuration.Channel}', not '{_manifest.Channel}'");
            }

            problems.AddRange(configuration.Msps.Values.Where(m => m.Error is not null).Select(m => $"MSP {m.Id}: {m.Error}"));
            if (problems.Count > 0)
            {
                Fail(Names.ChannelConfiguration, subject, $"the channel configuration of block {block.Number}: {string.Join("; ", problems)}", block: block.Number);
            }
            else
            {
                Pass(Names.ChannelConfiguration, subject,
                    $"channel '{configuration.Channel}' with organisations {string.Join(", ", configuration.Msps.Keys.Order(StringComparer.Ordinal))}",
                    block: block.Number);
            }
        }
    }

    private void AssignConfigurationsInForce()
    {
        foreach (var block in _blocks.Values)
        {
            var subject = $"block {block.Number}";
            var index = block.LastConfigIndex(out var error);
            if (index is null)
            {
                Fail(Names.ConfigurationInForce, subject, $"block {block.Number}: {error}", block: block.Number);
                continue;
            }

            if (_configurations.ContainsKey(block.Number) && index != block.Number)
            {
                Fail(Names.ConfigurationInForce, subject, string.Create(CultureInfo.InvariantCulture,
                    $"block {block.Number} is a configuration block but its metadata names block {index} as the last configuration"), block: block.Number);
                continue;
            }

            if (!_configurations.TryGetValue(index.Value, out var configuration))
            {
                Fail(Names.ConfigurationInForce, subject, string.Create(CultureInfo.InvariantCulture,
                    $"block {block.Number} was made under the configuration of block {index}, which the bundle does not include"), block: block.Number);
                continue;
            }

            _inForce[block.Number] = configuration;
            Pass(Names.ConfigurationInForce, subject, string.Create(CultureInfo.InvariantCulture, $"made under the configuration of block {index}"), block: block.Number);
        }
    }

    private void CheckOrdererSignatures()
    {
        if (!_options.VerifyOrdererSignatures)
        {
            Skip(Names.OrdererSignatures, "blocks", "the ordering service's block signatures were not verified (BundleVerifierOptions.VerifyOrdererSignatures is off)");
            return;
        }

        const string BlockValidationPolicy = "/Channel/Orderer/BlockValidation";
        foreach (var block in _blocks.Values)
        {
            var subject = $"block {block.Number}";
            if (!_inForce.TryGetValue(block.Number, out var configuration))
            {
                Fail(Names.OrdererSignatures, subject, $"block {block.Number}'s signatures cannot be checked: its configuration in force is not in the bundle", block: block.Number);
                continue;
            }

            var metadata = block.SignaturesMetadata(out var error);
            if (metadata is null)
            {
                Fail(Names.OrdererSignatures, subject, $"block {block.Number}: {error}", block: block.Number);
                continue;
            }

            if (metadata.Signatures.Count == 0 && block.Number == 0)
            {
                Skip(Names.OrdererSignatures, subject, "the genesis block carries no ordering service signature; it is the channel's starting point, trusted through its CAs (see trust-anchors)", block: block.Number);
                continue;
            }

            var headerBytes = BlockHashing.HeaderBytes(block.Header);
            var set = new List<SignedData>();
            foreach (var signature in metadata.Signatures)
            {
                if (!signature.SignatureHeader.IsEmpty)
                {
                    ByteString creator;
                    try
                    {
                        creator = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader).Creator;
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        continue;
                    }

                    set.Add(new SignedData(creator, Concat(metadata.Value, signature.SignatureHeader, headerBytes), signature.Signature));
                }
                else if (!signature.IdentifierHeader.IsEmpty)
                {
                    try
                    {
                        var identifier = IdentifierHeader.Parser.ParseFrom(signature.IdentifierHeader).Identifier;
                        if (configuration.Consenters.TryGetValue(identifier, out var consenter))
                        {
                            var identity = new FabricEvidence.Protocol.Msp.SerializedIdentity { Mspid = consenter.MspId, IdBytes = consenter.Identity }.ToByteString();
                            set.Add(new SignedData(identity, Concat(metadata.Value, signature.IdentifierHeader, headerBytes), signature.Signature));
                        }
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        continue;
                    }
                }
            }

            var engine = new PolicyEngine(configuration, BlockTime(block));
            var dropped = new List<string>();
            var signers = engine.ValidSigners(set, dropped);
            foreach (var signer in signers.Where(s => s.Validation.IsValid))
            {
                NoteAnchor(signer.Identity, signer.Validation);
            }

            var satisfied = engine.EvaluatePath(BlockValidationPolicy, signers, out var description);
            var by = string.Join(", ", signers.Select(s => $"{s.MspId} ({s.Certificate.Subject})"));
            var notes = dropped.Count > 0 ? $"; not counted: {string.Join("; ", dropped)}" : string.Empty;
            if (satisfied && dropped.Count == 0)
            {
                Pass(Names.OrdererSignatures, subject, $"signed by {by}; {description}", block: block.Number);
            }
            else
            {
                Fail(Names.OrdererSignatures, subject, satisfied
                    ? $"a signature on the block does not verify{notes}"
                    : $"the block's signatures do not satisfy {description}; valid signers: {(by.Length > 0 ? by : "none")}{notes}", block: block.Number);
            }
        }
    }

    private static byte[] Concat(ByteString a, ByteString b, byte[] c)
    {
        var result = new byte[a.Length + b.Length + c.Length];
        a.Span.CopyTo(result);
        b.Span.CopyTo(result.AsSpan(a.Length));
        c.CopyTo(result.AsSpan(a.Length + b.Length));
        return result;
    }

    // A block has no time of its own; its envelopes' channel headers do.
    private static DateTimeOffset BlockTime(ParsedBlock block)
    {
        var latest = DateTimeOffset.MinValue;
        for (var i = 0; i < block.Data.Count; i++)
        {
            var envelope = block.Envelope(i);
            if (envelope.ChannelHeader?.Timestamp is not null && envelope.Timestamp.ToDateTimeOffset() > latest)
            {
                latest = envelope.Timestamp.ToDateTimeOffset();
            }
        }

        return latest;
    }

    private void CollectLifecycle()
    {
        foreach (var block in _blocks.Values.Where(b => b.Entry.IncludedFor.HasFlag(BlockPurposes.ChaincodeDefinition)))
        {
            for (var i = 0; i < block.Data.Count; i++)
            {
                var envelope = block.Envelope(i);
                if (envelope.Error is null && envelope.Type == HeaderType.EndorserTransaction && envelope.ChaincodeName == LifecycleHistory.LifecycleNamespace)
                {
                    _lifecycle.Add(envelope);
                }
            }
        }
    }

    private void NoteAnchor(ResolvedIdentity identity, IdentityValidation validation)
    {
        if (validation.Chain is not { Count: > 0 } chain)
        {
            return;
        }

        if (!_anchors.TryGetValue(identity.MspId, out var roots))
        {
            _anchors[identity.MspId] = roots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        roots[chain[^1].Fingerprint] = chain[^1].Subject;
    }

    private void CheckTrustAnchors()
    {
        var trusted = _options.TrustedRootFingerprints
            .Select(f => f.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (msp, roots) in _anchors)
        {
            var described = string.Join(", ", roots.Select(r => $"'{r.Value}' (SHA-256 {r.Key})"));
            if (trusted.Count == 0)
            {
                Skip(Names.TrustAnchors, $"MSP {msp}", $"no trusted roots were given; {msp}'s identities chain to {described}: compare with the fingerprints {msp} publishes");
            }
            else if (roots.Keys.All(trusted.Contains))
            {
                Pass(Names.TrustAnchors, $"MSP {msp}", $"{msp}'s identities chain to trusted roots: {described}");
            }
            else
            {
                Fail(Names.TrustAnchors, $"MSP {msp}", $"{msp}'s identities chain to roots that are not trusted: {string.Join(", ", roots.Where(r => !trusted.Contains(r.Key)).Select(r => $"'{r.Value}' (SHA-256 {r.Key})"))}");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Recording checks

    private void Pass(string name, string subject, string message, ulong? block = null, string? tx = null, string? item = null) =>
        Add(name, subject, CheckOutcome.Passed, message, block, tx, item);

    private void Fail(string name, string subject, string message, ulong? block = null, string? tx = null, string? item = null) =>
        Add(name, subject, CheckOutcome.Failed, message, block, tx, item);

    private void Skip(string name, string subject, string message, ulong? block = null, string? tx = null, string? item = null) =>
        Add(name, subject, CheckOutcome.Skipped, message, block, tx, item);

    private void Add(string name, string subject, CheckOutcome outcome, string message, ulong? block, string? tx, string? item) =>
        _checks.Add(new VerificationCheck { Name = name, Subject = subject, Outcome = outcome, Message = message, BlockNumber = block, TransactionId = tx, ItemId = item });

    public void Dispose()
    {
        foreach (var configuration in _configurations.Values)
        {
            configuration.Dispose();
        }
    }
}
