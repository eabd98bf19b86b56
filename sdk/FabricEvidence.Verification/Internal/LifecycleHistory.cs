using KvVersion = FabricEvidence.Protocol.Ledger.Rwset.KvRwset.Version;
using FabricEvidence.Protocol.Peer;
using FabricEvidence.Protocol.Peer.Lifecycle;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// The <c>_lifecycle</c> transactions of the bundle's chaincode-definition blocks, and the resolution of the chaincode
/// definition in force for a transaction. Fabric stores a definition as one key per field,
/// <c>namespaces/fields/&lt;name&gt;/&lt;Field&gt;</c> (core/chaincode/lifecycle/serializer.go), and a commit writes only
/// the fields that changed but reads the others; every invocation reads <c>.../Sequence</c>. The version of a read is
/// the (block, transaction) that last wrote the key, so a transaction's read of the sequence leads to the commit in
/// force, and that commit's reads lead to the commits that wrote the fields it did not change.
/// </summary>
internal sealed class LifecycleHistory
{
    public const string LifecycleNamespace = "_lifecycle";

    private readonly Dictionary<(ulong Block, ulong Index), ParsedEnvelope> _transactions = [];

    public static string FieldKey(string chaincode, string field) => $"namespaces/fields/{chaincode}/{field}";

    public void Add(ParsedEnvelope envelope) => _transactions[(envelope.Block.Number, (ulong)envelope.Index)] = envelope;

    public bool Contains(ulong block) => _transactions.Keys.Any(k => k.Block == block);

    /// <summary>Resolves the definition whose sequence was last written at <paramref name="version"/>.</summary>
    public DefinitionResolution Resolve(string chaincode, KvVersion version)
    {
        var sources = new List<ParsedEnvelope>();
        var commit = Find(version, out var error);
        if (commit is null)
        {
            return new DefinitionResolution(null, $"the sequence of '{chaincode}' in force was written by block {version.BlockNum} transaction {version.TxNum}: {error}", sources);
        }

        sources.Add(commit);
        try
        {
            var sequenceKey = FieldKey(chaincode, "Sequence");
            var sequenceWrite = Namespace(commit)?.WriteOf(sequenceKey);
            if (sequenceWrite is null || sequenceWrite.IsDelete)
            {
                return new DefinitionResolution(null, $"block {version.BlockNum} transaction {version.TxNum} ({commit.TransactionId}) does not write the sequence of '{chaincode}'", sources);
            }

            var sequence = StateData.Parser.ParseFrom(sequenceWrite.Value).Int64;
            var endorsement = Field(chaincode, "EndorsementInfo", commit, sources, out error);
            var validation = error is null ? Field(chaincode, "ValidationInfo", commit, sources, out error) : null;
            var collections = error is null ? Field(chaincode, "Collections", commit, sources, out error) : null;
            if (error is not null)
            {
                return new DefinitionResolution(null, error, sources);
            }

            if (validation is null)
            {
                return new DefinitionResolution(null, $"the definition of '{chaincode}' at sequence {sequence} has no validation information", sources);
            }

            var validationInfo = ChaincodeValidationInfo.Parser.ParseFrom(validation);
            var definition = new ChaincodeDefinitionState(
                chaincode,
                sequence,
                endorsement is null ? string.Empty : ChaincodeEndorsementInfo.Parser.ParseFrom(endorsement).Version,
                validationInfo.ValidationPlugin,
                ApplicationPolicy.Parser.ParseFrom(validationInfo.ValidationParameter),
                collections is null ? new CollectionConfigPackage() : CollectionConfigPackage.Parser.ParseFrom(collections),
                commit);
            return new DefinitionResolution(definition, null, sources);
        }
        catch (InvalidProtocolBufferException e)
        {
            return new DefinitionResolution(null, $"the definition of '{chaincode}' cannot be decoded ({e.Message})", sources);
        }
    }

    private ByteString? Field(string chaincode, string field, ParsedEnvelope commit, List<ParsedEnvelope> sources, out string? error)
    {
        var key = FieldKey(chaincode, field);
        var current = commit;
        for (var hops = 0; hops < 1000; hops++)
        {
            var ns = Namespace(current);
            var write = ns?.WriteOf(key);
            if (write is not null)
            {
                error = null;
                return write.IsDelete ? null : StateData.Parser.ParseFrom(write.Value).Bytes;
            }

            var read = ns?.ReadOf(key);
            if (read?.Version is null)
            {
                // Neither written nor read with a version: the field did not exist when this commit ran.
                error = null;
                return null;
            }

            var previous = Find(read.Version, out var findError);
            if (previous is null)
            {
                error = $"the {field} of '{chaincode}' in force was written by block {read.Version.BlockNum} transaction {read.Version.TxNum}: {findError}";
                return null;
            }

            sources.Add(previous);
            current = previous;
        }

        error = $"the {field} of '{chaincode}' cannot be traced";
        return null;
    }

    private ParsedEnvelope? Find(KvVersion version, out string? error)
    {
        if (!_transactions.TryGetValue((version.BlockNum, version.TxNum), out var envelope))
        {
            error = "the bundle does not include that transaction in a chaincode-definition block";
            return null;
        }

        var code = envelope.Block.ValidationCode(envelope.Index, out var flagError);
        if (code != (int)TxValidationCode.Valid)
        {
            error = flagError ?? $"that transaction is not valid (validation code {code})";
            return null;
        }

        error = null;
        return envelope;
    }

    private static NamespaceRwSet? Namespace(ParsedEnvelope envelope) => envelope.Namespace(LifecycleNamespace);
}

/// <summary>A chaincode definition as committed: what the verifier needs to check an invocation's endorsements.</summary>
internal sealed record ChaincodeDefinitionState(
    string Name,
    long Sequence,
    string Version,
    string ValidationPlugin,
    ApplicationPolicy EndorsementPolicy,
    CollectionConfigPackage Collections,
    ParsedEnvelope Commit)
{
    /// <summary>The endorsement policy of a collection, if the definition gives it one.</summary>
    public ApplicationPolicy? CollectionPolicy(string collection)
    {
        foreach (var config in Collections.Config)
        {
            if (config.StaticCollectionConfig is { } c && c.Name == collection)
            {
                return c.EndorsementPolicy is { TypeCase: not ApplicationPolicy.TypeOneofCase.None } policy ? policy : null;
            }
        }

        return null;
    }
}

/// <summary>A resolved definition, or why it could not be resolved, and the lifecycle transactions it came from.</summary>
internal sealed record DefinitionResolution(ChaincodeDefinitionState? Definition, string? Error, IReadOnlyList<ParsedEnvelope> Sources);
