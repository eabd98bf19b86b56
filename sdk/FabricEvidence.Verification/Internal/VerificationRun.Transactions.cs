using System.Globalization;
using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using ApplicationPolicy = FabricEvidence.Protocol.Peer.ApplicationPolicy;
using Google.Protobuf;
using Names = FabricEvidence.Verification.VerificationCheckNames;

namespace FabricEvidence.Verification.Internal;

internal sealed partial class VerificationRun
{
    private const string ValidationParameterKey = "VALIDATION_PARAMETER";
    private const string LifecycleEndorsementPolicy = "/Channel/Application/LifecycleEndorsement";

    private readonly Dictionary<(string Collection, string Key), ByteString> _keyPolicies = [];
    private readonly Dictionary<string, VerifiedTransaction> _lifecycleResults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VerifiedChaincodeDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<(ulong, ulong), DefinitionResolution> _resolutions = [];

    /// <summary>A transaction the manifest names, where it was found, and what the verifier made of it.</summary>
    private sealed class LocatedTransaction(string transactionId, ulong declaredBlock)
    {
        public string TransactionId { get; } = transactionId;

        public ulong DeclaredBlock { get; } = declaredBlock;

        public ParsedEnvelope? Envelope { get; set; }

        public List<(BundleItem Item, BundleTransaction Declared)> Claims { get; } = [];

        public VerifiedTransaction? Result { get; set; }

        public bool IsValid { get; set; }
    }

    private List<LocatedTransaction> LocateTransactions()
    {
        var byId = new Dictionary<string, LocatedTransaction>(StringComparer.Ordinal);
        foreach (var item in _manifest.Items)
        {
            foreach (var declared in item.Transactions)
            {
                if (!byId.TryGetValue(declared.TransactionId, out var located))
                {
                    byId[declared.TransactionId] = located = new LocatedTransaction(declared.TransactionId, declared.BlockNumber);
                }
                else if (located.DeclaredBlock != declared.BlockNumber)
                {
                    Fail(Names.Manifest, $"transaction {declared.TransactionId}", string.Create(CultureInfo.InvariantCulture,
                        $"the manifest places transaction {declared.TransactionId} in block {located.DeclaredBlock} and in block {declared.BlockNumber}"), tx: declared.TransactionId);
                }

                if (located.Claims.Any(c => ReferenceEquals(c.Item, item)))
                {
                    Fail(Names.Manifest, $"transaction {declared.TransactionId}", $"item {item.Id} lists transaction {declared.TransactionId} twice", tx: declared.TransactionId, item: item.Id);
                    continue;
                }

                located.Claims.Add((item, declared));
            }
        }

        foreach (var located in byId.Values)
        {
            var subject = $"transaction {located.TransactionId}";
            if (!_blocks.TryGetValue(located.DeclaredBlock, out var block))
            {
                Fail(Names.TransactionStructure, subject, string.Create(CultureInfo.InvariantCulture,
                    $"the manifest places transaction {located.TransactionId} in block {located.DeclaredBlock}, which the bundle does not include in full"),
                    block: located.DeclaredBlock, tx: located.TransactionId);
                continue;
            }

            for (var i = 0; i < block.Data.Count; i++)
            {
                var envelope = block.Envelope(i);
                if (envelope.TransactionId == located.TransactionId)
                {
                    located.Envelope = envelope;
                    break;
                }
            }

            if (located.Envelope is null)
            {
                Fail(Names.TransactionStructure, subject, string.Create(CultureInfo.InvariantCulture,
                    $"block {block.Number} holds no transaction {located.TransactionId}"), block: block.Number, tx: located.TransactionId);
            }
        }

        return [.. byId.Values
            .OrderBy(l => l.Envelope is null ? 1 : 0)
            .ThenBy(l => l.Envelope?.Block.Number ?? l.DeclaredBlock)
            .ThenBy(l => l.Envelope?.Index ?? 0)];
    }

    private void CheckPurposes(List<LocatedTransaction> located)
    {
        var problems = new List<string>();
        var transactionBlocks = located.Where(l => l.Envelope is not null).Select(l => l.Envelope!.Block.Number).ToHashSet();
        var definitionPrefix = LifecycleHistory.FieldKey(_manifest.Chaincode, string.Empty);
        foreach (var block in _blocks.Values)
        {
            var purposes = block.Entry.IncludedFor;
            var isConfiguration = block.Data.Count == 1 && block.Envelope(0).Type == HeaderType.Config;
            if (purposes.HasFlag(BlockPurposes.Configuration) != isConfiguration)
            {
                problems.Add(isConfiguration
                    ? $"block {block.Number} is a configuration block but the manifest does not say it is included as one"
                    : $"the manifest includes block {block.Number} as a configuration block, which it is not");
            }

            if (purposes.HasFlag(BlockPurposes.ChaincodeDefinition) && !Enumerable.Range(0, block.Data.Count).Select(block.Envelope).Any(e =>
                    e.ChaincodeName == LifecycleHistory.LifecycleNamespace
                    && e.Namespace(LifecycleHistory.LifecycleNamespace)?.Public.Writes.Any(w => w.Key.StartsWith(definitionPrefix, StringComparison.Ordinal)) == true))
            {
                problems.Add($"the manifest includes block {block.Number} for the chaincode definition, but it holds no _lifecycle transaction that writes the definition of '{_manifest.Chaincode}'");
            }

            if (purposes.HasFlag(BlockPurposes.Transactions) != transactionBlocks.Contains(block.Number))
            {
                problems.Add(transactionBlocks.Contains(block.Number)
                    ? $"block {block.Number} holds transactions of the items but the manifest does not say it is included for them"
                    : $"the manifest includes block {block.Number} for the items' transactions, but it holds none of them");
            }
        }

        if (problems.Count > 0)
        {
            Fail(Names.Manifest, "bundle", string.Join("; ", problems));
        }
        else
        {
            Pass(Names.Manifest, "bundle", "each block is included for what the manifest says: configuration, chaincode definition, the items' transactions");
        }
    }

    private void VerifyTransactions(List<LocatedTransaction> located)
    {
        foreach (var transaction in located.Where(l => l.Envelope is not null))
        {
            var envelope = transaction.Envelope!;
            var declaredRoles = transaction.Claims.Select(c => c.Declared.Role).Distinct(StringComparer.Ordinal).ToList();
            transaction.Result = VerifyTransaction(envelope, _manifest.Chaincode, lifecycle: false, declaredRoles[0], out var valid);
            transaction.IsValid = valid;
            var subject = $"transaction {transaction.TransactionId}";
            var recorded = envelope.EventName.Length > 0 ? envelope.EventName : envelope.Function;
            var wrong = declaredRoles.Where(r => r != recorded).ToList();
            if (envelope.Error is not null)
            {
                Fail(Names.TransactionRole, subject, "the transaction cannot be decoded, so its role cannot be read", envelope.Block.Number, transaction.TransactionId);
            }
            else if (wrong.Count > 0)
            {
                Fail(Names.TransactionRole, subject,
                    $"the manifest gives the role '{string.Join("', '", wrong)}', but the transaction recorded {(envelope.EventName.Length > 0 ? "the event" : "the function")} '{recorded}'",
                    envelope.Block.Number, transaction.TransactionId);
            }
            else
            {
                Pass(Names.TransactionRole, subject, $"'{recorded}', as the manifest states", envelope.Block.Number, transaction.TransactionId);
            }

            if (valid)
            {
                ApplyKeyPolicies(envelope.Namespace(_manifest.Chaincode));
            }
        }
    }

    private VerifiedTransaction VerifyTransaction(ParsedEnvelope envelope, string chaincode, bool lifecycle, string role, out bool valid)
    {
        var block = envelope.Block.Number;
        var txId = envelope.TransactionId;
        var subject = $"transaction {txId}";
        void Passed(string name, string message) => Pass(name, subject, message, block, txId);
        void Failed(string name, string message) => Fail(name, subject, message, block, txId);

        var structure = StructureProblems(envelope, chaincode);
        if (structure.Count == 0)
        {
            Passed(Names.TransactionStructure, string.Create(CultureInfo.InvariantCulture,
                $"transaction {envelope.Index} of block {block}: an endorser transaction on channel '{envelope.ChannelHeader!.ChannelId}' invoking '{chaincode}' ({envelope.Function}) at {envelope.Timestamp}; its id is SHA-256 of its nonce and creator, and its proposal hash binds the endorsements to its header"));
        }
        else
        {
            Failed(Names.TransactionStructure, string.Join("; ", structure));
        }

        var code = envelope.Block.ValidationCode(envelope.Index, out var codeError);
        valid = code == (int)TxValidationCode.Valid;
        var time = envelope.Timestamp.ToDateTimeOffset();
        VerifiedIdentity? creatorReport = null;
        var endorsers = new List<VerifiedIdentity>();
        if (envelope.ActionPayload?.Action is not null && envelope.SignatureHeader is not null && envelope.Envelope is not null)
        {
            if (!_inForce.TryGetValue(block, out var configuration))
            {
                const string NoConfiguration = "cannot be checked: the configuration in force for the block is not in the bundle";
                Failed(Names.CreatorIdentity, NoConfiguration);
                Failed(Names.CreatorSignature, NoConfiguration);
                Failed(Names.EndorsementSignatures, NoConfiguration);
                Failed(Names.EndorsementPolicy, NoConfiguration);
            }
            else
            {
                creatorReport = VerifyCreator(envelope, configuration, time, Passed, Failed);
                endorsers = VerifyEndorsements(envelope, configuration, time, Passed, Failed);
                var definition = lifecycle ? null : ResolveDefinition(envelope, chaincode, Passed, Failed);
                if (!lifecycle && definition is null)
                {
                    Failed(Names.EndorsementPolicy, "cannot be checked: the chaincode definition in force is not known");
                }
                else
                {
                    VerifyEndorsementPolicy(envelope, configuration, time, lifecycle ? LifecycleHistory.LifecycleNamespace : chaincode, definition, Passed, Failed);
                }
            }
        }
        else
        {
            const string Undecodable = "cannot be checked: the transaction cannot be decoded";
            Failed(Names.CreatorIdentity, Undecodable);
            Failed(Names.CreatorSignature, Undecodable);
            Failed(Names.EndorsementSignatures, Undecodable);
            Failed(Names.EndorsementPolicy, Undecodable);
        }

        var codeName = code is { } c ? (Enum.IsDefined(typeof(TxValidationCode), c) ? ValidationCodeName((TxValidationCode)c) : c.ToString(CultureInfo.InvariantCulture)) : string.Empty;
        if (code is null)
        {
            Failed(Names.ValidationCode, $"block {block}: {codeError}");
        }
        else if (valid)
        {
            Passed(Names.ValidationCode, "VALID: the committing peer validated the transaction");
        }
        else
        {
            Failed(Names.ValidationCode, string.Create(CultureInfo.InvariantCulture, $"the committing peer marked the transaction {codeName} ({code}), not VALID: it did not change the ledger"));
        }

        return new VerifiedTransaction
        {
            TransactionId = txId,
            BlockNumber = block,
            TransactionIndex = envelope.Index,
            Timestamp = envelope.Timestamp,
            Channel = envelope.ChannelHeader?.ChannelId ?? string.Empty,
            Chaincode = envelope.ChaincodeName,
            Function = envelope.Function,
            EventName = envelope.EventName,
            Role = role,
            Creator = creatorReport,
            Endorsers = endorsers,
            EndorsingOrganizations = [.. endorsers.Select(e => e.MspId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            ValidationCode = code,
            ValidationCodeName = codeName,
        };
    }

    // Fabric's enum names are SCREAMING_CASE; the generated C# names are PascalCase.
    private static string ValidationCodeName(TxValidationCode code) =>
        string.Concat(code.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));

    private List<string> StructureProblems(ParsedEnvelope envelope, string chaincode)
    {
        var problems = new List<string>();
        if (envelope.Error is not null)
        {
            problems.Add(envelope.Error);
            return problems;
        }

        var channelHeader = envelope.ChannelHeader!;
        if (envelope.Type != HeaderType.EndorserTransaction)
        {
            problems.Add($"it is a {envelope.Type} transaction, not an endorser transaction");
            return problems;
        }

        if (channelHeader.ChannelId != _manifest.Channel)
        {
            problems.Add($"it is on channel '{channelHeader.ChannelId}', not '{_manifest.Channel}'");
        }

        if (channelHeader.Epoch != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"its epoch is {channelHeader.Epoch}; Fabric requires 0"));
        }

        var signatureHeader = envelope.SignatureHeader!;
        if (signatureHeader.Nonce.IsEmpty || signatureHeader.Creator.IsEmpty)
        {
            problems.Add("its signature header lacks a nonce or a creator");
        }
        else
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
            if (expected != channelHeader.TxId)
            {
                problems.Add($"its id {channelHeader.TxId} is not SHA-256 of its nonce and creator ({expected})");
            }
        }

        if (envelope.ChaincodeName != chaincode)
        {
            problems.Add($"it invokes chaincode '{envelope.ChaincodeName}', not '{chaincode}'");
        }

        if (envelope.ChaincodeAction?.ChaincodeId is { } id && id.Name != chaincode)
        {
            problems.Add($"its chaincode action names chaincode '{id.Name}', not '{chaincode}'");
        }

        if (envelope.ActionHeader is { } actionHeader && (actionHeader.Nonce.IsEmpty || actionHeader.Creator.IsEmpty))
        {
            problems.Add("its action's signature header lacks a nonce or a creator");
        }

        if (envelope.ActionPayload is { } payload && envelope.ResponsePayload is { } response)
        {
            var proposalHash = SHA256.HashData([.. envelope.Payload!.Header.ChannelHeader.Span, .. envelope.Action!.Header.Span, .. payload.ChaincodeProposalPayload.Span]);
            if (!proposalHash.AsSpan().SequenceEqual(response.ProposalHash.Span))
            {
                problems.Add("the proposal hash the endorsers signed does not match the transaction's header and proposal payload");
            }
        }

        return problems;
    }

    private VerifiedIdentity? VerifyCreator(ParsedEnvelope envelope, ChannelConfiguration configuration, DateTimeOffset time, Action<string, string> passed, Action<string, string> failed)
    {
        var creator = configuration.Resolve(envelope.SignatureHeader!.Creator);
        if (creator.Error is not null)
        {
            failed(Names.CreatorIdentity, creator.Error);
            failed(Names.CreatorSignature, $"cannot be checked: {creator.Error}");
            return Describe(creator, null, false);
        }

        var validation = creator.Msp!.Validate(creator.Certificate!, time);
        if (validation.IsValid)
        {
            NoteAnchor(creator, validation);
            passed(Names.CreatorIdentity, $"{creator.MspId} '{creator.Certificate!.Subject}'{RoleText(creator.Certificate, validation)}, valid in {creator.MspId} at {envelope.Timestamp}");
        }
        else
        {
            failed(Names.CreatorIdentity, $"{creator.MspId} '{creator.Certificate!.Subject}': {validation.Error}");
        }

        var signatureError = Signatures.Verify(creator.Certificate, envelope.Envelope!.Payload.Span, envelope.Envelope.Signature.Span, creator.Msp.SignatureHash);
        if (signatureError is null)
        {
            passed(Names.CreatorSignature, "the creator's signature over the transaction payload verifies");
        }
        else
        {
            failed(Names.CreatorSignature, $"the creator's signature over the transaction payload: {signatureError}");
        }

        return Describe(creator, validation, signatureError is null);
    }

    private List<VerifiedIdentity> VerifyEndorsements(ParsedEnvelope envelope, ChannelConfiguration configuration, DateTimeOffset time, Action<string, string> passed, Action<string, string> failed)
    {
        var action = envelope.ActionPayload!.Action;
        var reports = new List<VerifiedIdentity>();
        var problems = new List<string>();
        var index = 0;
        foreach (var endorsement in action.Endorsements)
        {
            index++;
            var endorser = configuration.Resolve(endorsement.Endorser);
            if (endorser.Error is not null)
            {
                problems.Add($"endorsement {index}: {endorser.Error}");
                reports.Add(Describe(endorser, null, false));
                continue;
            }

            var validation = endorser.Msp!.Validate(endorser.Certificate!, time);
            var signed = new byte[action.ProposalResponsePayload.Length + endorsement.Endorser.Length];
            action.ProposalResponsePayload.Span.CopyTo(signed);
            endorsement.Endorser.Span.CopyTo(signed.AsSpan(action.ProposalResponsePayload.Length));
            var signatureError = Signatures.Verify(endorser.Certificate!, signed, endorsement.Signature.Span, endorser.Msp.SignatureHash);
            if (!validation.IsValid)
            {
                problems.Add($"endorsement {index} by {endorser.MspId} '{endorser.Certificate!.Subject}': {validation.Error}");
            }
            else
            {
                NoteAnchor(endorser, validation);
            }

            if (signatureError is not null)
            {
                problems.Add($"endorsement {index} by {endorser.MspId} '{endorser.Certificate!.Subject}': {signatureError}");
            }

            reports.Add(Describe(endorser, validation, signatureError is null));
        }

        if (action.Endorsements.Count == 0)
        {
            failed(Names.EndorsementSignatures, "the transaction carries no endorsement");
        }
        else if (problems.Count > 0)
        {
            failed(Names.EndorsementSignatures, string.Join("; ", problems));
        }
        else
        {
            passed(Names.EndorsementSignatures, string.Create(CultureInfo.InvariantCulture,
                $"{action.Endorsements.Count} endorsements, by {string.Join(", ", reports.Select(r => $"{r.MspId} '{r.Subject}'"))}: each certificate is valid in its MSP at the transaction's time and each signature over the proposal response verifies"));
        }

        return reports;
    }

    private ChaincodeDefinitionState? ResolveDefinition(ParsedEnvelope envelope, string chaincode, Action<string, string> passed, Action<string, string> failed)
    {
        var read = envelope.Namespace(LifecycleHistory.LifecycleNamespace)?.ReadOf(LifecycleHistory.FieldKey(chaincode, "Sequence"));
        if (read?.Version is null)
        {
            failed(Names.ChaincodeDefinition, $"the transaction did not read the definition of '{chaincode}' ({LifecycleHistory.LifecycleNamespace} key {LifecycleHistory.FieldKey(chaincode, "Sequence")}), so the definition it ran under is unknown");
            return null;
        }

        var version = (read.Version.BlockNum, read.Version.TxNum);
        if (!_resolutions.TryGetValue(version, out var resolution))
        {
            _resolutions[version] = resolution = _lifecycle.Resolve(chaincode, read.Version);
        }

        if (resolution.Definition is not { } definition)
        {
            failed(Names.ChaincodeDefinition, resolution.Error!);
            return null;
        }

        VerifiedTransaction? commit = null;
        foreach (var source in resolution.Sources)
        {
            if (!_lifecycleResults.TryGetValue(source.TransactionId, out var verified))
            {
                verified = VerifyTransaction(source, LifecycleHistory.LifecycleNamespace, lifecycle: true, source.Function, out _);
                _lifecycleResults[source.TransactionId] = verified;
            }

            commit ??= verified;
        }

        var policyText = DescribePolicy(definition.EndorsementPolicy);
        if (!_definitions.ContainsKey(definition.Commit.TransactionId))
        {
            _definitions[definition.Commit.TransactionId] = new VerifiedChaincodeDefinition
            {
                Name = chaincode,
                Sequence = definition.Sequence,
                Version = definition.Version,
                EndorsementPolicy = policyText,
                CommitTransaction = commit,
            };
        }

        if (definition.ValidationPlugin != "vscc")
        {
            failed(Names.ChaincodeDefinition, $"the definition of '{chaincode}' names the validation plugin '{definition.ValidationPlugin}'; this verifier knows only Fabric's default (vscc) rules");
            return null;
        }

        passed(Names.ChaincodeDefinition, string.Create(CultureInfo.InvariantCulture,
            $"ran under sequence {definition.Sequence} (version {definition.Version}) of '{chaincode}', committed by transaction {definition.Commit.TransactionId} in block {definition.Commit.Block.Number}; endorsement policy {policyText}"));
        return definition;

        string DescribePolicy(ApplicationPolicy policy) => policy.TypeCase == ApplicationPolicy.TypeOneofCase.SignaturePolicy
            ? PolicyEngine.Describe(policy.SignaturePolicy)
            : $"channel policy {policy.ChannelConfigPolicyReference}";
    }

    private void VerifyEndorsementPolicy(ParsedEnvelope envelope, ChannelConfiguration configuration, DateTimeOffset time, string ns, ChaincodeDefinitionState? definition, Action<string, string> passed, Action<string, string> failed)
    {
        // A _lifecycle transaction is validated against the channel's LifecycleEndorsement policy; it sets no key-level policies.
        var lifecycle = definition is null;
        var policy = definition?.EndorsementPolicy ?? new ApplicationPolicy { ChannelConfigPolicyReference = LifecycleEndorsementPolicy };
        var action = envelope.ActionPayload!.Action;
        var set = action.Endorsements.Select(e => new SignedData(e.Endorser, [.. action.ProposalResponsePayload.Span, .. e.Endorser.Span], e.Signature));
        var engine = new PolicyEngine(configuration, time);
        var dropped = new List<string>();
        var signers = engine.ValidSigners(set, dropped);
        var results = new List<string>();
        var problems = new List<string>();
        foreach (var other in envelope.Namespaces.Where(n => n.Name != ns && Writes(n)))
        {
            problems.Add($"the transaction also writes namespace '{other.Name}', whose endorsement policy the bundle does not provide");
        }

        var checkedScopes = new HashSet<string>(StringComparer.Ordinal);
        var someChecked = false;

        void Evaluate(string what, Func<(bool Satisfied, string Description)> evaluate)
        {
            var (satisfied, description) = evaluate();
            (satisfied ? results : problems).Add(satisfied ? $"{what}: {description}" : $"{what} is not satisfied: {description}");
            someChecked = true;
        }

        void ChaincodeOrCollection(string collection)
        {
            if (collection.Length > 0 && !checkedScopes.Contains(collection) && definition?.CollectionPolicy(collection) is { } collectionPolicy)
            {
                checkedScopes.Add(collection);
                Evaluate($"the policy of collection '{collection}'", () => (engine.Evaluate(collectionPolicy, signers, out var d), d));
                return;
            }

            if (collection.Length > 0 && checkedScopes.Contains(collection))
            {
                return;
            }

            if (checkedScopes.Add(string.Empty))
            {
                Evaluate($"the endorsement policy of '{ns}'", () => (engine.Evaluate(policy, signers, out var d), d));
            }
        }

        void Key(string collection, string key, string shown)
        {
            if (!lifecycle && _keyPolicies.TryGetValue((collection, key), out var keyPolicy))
            {
                Evaluate($"the key-level policy of {shown}", () =>
                {
                    try
                    {
                        return (PolicyEngine.EvaluateSignaturePolicy(SignaturePolicyEnvelope.Parser.ParseFrom(keyPolicy), signers, out var d), d);
                    }
                    catch (InvalidProtocolBufferException e)
                    {
                        return (false, $"the policy cannot be decoded ({e.Message})");
                    }
                });
                return;
            }

            ChaincodeOrCollection(collection);
        }

        if (envelope.Namespace(ns) is { } rw)
        {
            foreach (var write in rw.Public.Writes)
            {
                Key(string.Empty, write.Key, $"key {Printable(write.Key)}");
            }

            foreach (var write in rw.Public.MetadataWrites)
            {
                Key(string.Empty, write.Key, $"key {Printable(write.Key)}");
            }

            foreach (var collection in rw.Collections)
            {
                foreach (var write in collection.Hashed.HashedWrites)
                {
                    Key(collection.Name, Convert.ToHexStringLower(write.KeyHash.Span), $"a key of collection '{collection.Name}'");
                }
            }

            foreach (var collection in rw.Collections)
            {
                foreach (var write in collection.Hashed.MetadataWrites)
                {
                    Key(collection.Name, Convert.ToHexStringLower(write.KeyHash.Span), $"a key of collection '{collection.Name}'");
                }
            }
        }

        if (!someChecked)
        {
            Evaluate($"the endorsement policy of '{ns}'", () => (engine.Evaluate(policy, signers, out var d), d));
        }

        var counted = (signers.Count == 0 ? "none" : string.Join(", ", signers.Select(s => $"{s.MspId} ({s.Validation.NodeRole ?? "member"})")))
            + (dropped.Count > 0 ? $"; not counted: {string.Join("; ", dropped)}" : string.Empty);
        if (problems.Count > 0)
        {
            failed(Names.EndorsementPolicy, $"{string.Join("; ", problems)}; endorsers counted: {counted}");
        }
        else
        {
            passed(Names.EndorsementPolicy, $"{string.Join("; ", results.Distinct(StringComparer.Ordinal))}; endorsers counted: {counted}");
        }
    }

    private static bool Writes(NamespaceRwSet ns) =>
        ns.Public.Writes.Count > 0 || ns.Public.MetadataWrites.Count > 0
        || ns.Collections.Any(c => c.Hashed.HashedWrites.Count > 0 || c.Hashed.MetadataWrites.Count > 0);

    /// <summary>Applies a valid transaction's key-level policy changes (state metadata) to the keys' policies in force.</summary>
    private void ApplyKeyPolicies(NamespaceRwSet? ns)
    {
        if (ns is null)
        {
            return;
        }

        foreach (var write in ns.Public.Writes.Where(w => w.IsDelete))
        {
            _keyPolicies.Remove((string.Empty, write.Key));
        }

        foreach (var write in ns.Public.MetadataWrites)
        {
            SetKeyPolicy(string.Empty, write.Key, write.Entries);
        }

        foreach (var collection in ns.Collections)
        {
            foreach (var write in collection.Hashed.HashedWrites.Where(w => w.IsDelete))
            {
                _keyPolicies.Remove((collection.Name, Convert.ToHexStringLower(write.KeyHash.Span)));
            }

            foreach (var write in collection.Hashed.MetadataWrites)
            {
                SetKeyPolicy(collection.Name, Convert.ToHexStringLower(write.KeyHash.Span), write.Entries);
            }
        }
    }

    private void SetKeyPolicy(string collection, string key, IEnumerable<FabricEvidence.Protocol.Ledger.Rwset.KvRwset.KVMetadataEntry> entries)
    {
        var parameter = entries.FirstOrDefault(e => e.Name == ValidationParameterKey);
        if (parameter is null)
        {
            _keyPolicies.Remove((collection, key));
        }
        else
        {
            _keyPolicies[(collection, key)] = parameter.Value;
        }
    }

    private static string RoleText(CertificateInfo certificate, IdentityValidation validation) =>
        (certificate.Role, validation.NodeRole) switch
        {
            (null, null) => string.Empty,
            (null, { } node) => $" ({node})",
            ({ } role, null) => $" (role {role})",
            ({ } role, { } node) => $" ({node}, role {role})",
        };

    private static VerifiedIdentity Describe(ResolvedIdentity identity, IdentityValidation? validation, bool signatureValid)
    {
        var certificate = identity.Certificate;
        return new VerifiedIdentity
        {
            MspId = identity.MspId,
            Subject = certificate?.Subject ?? string.Empty,
            Issuer = certificate?.Issuer ?? string.Empty,
            SerialNumber = certificate?.Certificate.SerialNumber ?? string.Empty,
            CertificateFingerprint = certificate?.Fingerprint ?? string.Empty,
            Role = certificate?.Role,
            NodeRole = validation?.NodeRole,
            OrganizationalUnits = certificate?.OrganizationalUnits ?? [],
            NotBefore = certificate is null ? default : new DateTimeOffset(certificate.Certificate.NotBefore),
            NotAfter = certificate is null ? default : new DateTimeOffset(certificate.Certificate.NotAfter),
            IsValid = validation?.IsValid == true && signatureValid,
        };
    }

    /// <summary>A state key for a message: composite-key separators (U+0000) shown as '\0', other controls escaped.</summary>
    internal static string Printable(string key) =>
        string.Concat(key.Select(c => c == '\0' ? "\\0" : char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
