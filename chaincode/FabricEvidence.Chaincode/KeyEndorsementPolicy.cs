using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Chaincode;

/// <summary>
/// Builds a key-level (state-based) endorsement policy: "every one of these organisations must endorse changes to
/// this key", for <see cref="IChaincodeStub.SetStateValidationParameterAsync"/> and
/// <see cref="IChaincodeStub.SetPrivateDataValidationParameterAsync"/>.
/// </summary>
/// <remarks>
/// <see cref="GetPolicy"/> serializes a <c>common.SignaturePolicyEnvelope</c> with version 0, one
/// <c>MSPPrincipal</c> of classification ROLE per organisation, and the rule N-out-of-N of <c>SignedBy</c> each
/// principal — as Fabric's Go and Node helpers do. Organisations are ordered by MSP id (ordinal), so the same set of
/// organisations always gives the same bytes, whatever order they were added in (Go sorts too; Node keeps insertion
/// order). Not thread-safe.
/// </remarks>
public sealed class KeyEndorsementPolicy
{
    private readonly SortedDictionary<string, MSPRole.Types.MSPRoleType> _orgs = new(StringComparer.Ordinal);

    /// <summary>Creates an empty policy.</summary>
    public KeyEndorsementPolicy()
    {
    }

    /// <summary>
    /// Starts from an existing policy (for example the result of <see cref="IChaincodeStub.GetStateValidationParameterAsync"/>):
    /// its organisations and their roles are kept. The rule is not: <see cref="GetPolicy"/> always requires all of them.
    /// </summary>
    /// <param name="policy">A serialized <c>common.SignaturePolicyEnvelope</c>; <see langword="null"/> or empty for none.</param>
    /// <exception cref="ArgumentException">The bytes are not a signature policy envelope, or it names principals other than MSP roles.</exception>
    public KeyEndorsementPolicy(byte[]? policy)
    {
        if (policy is null || policy.Length == 0)
        {
            return;
        }

        SignaturePolicyEnvelope envelope;
        try
        {
            envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException($"The policy is not a serialized SignaturePolicyEnvelope: {ex.Message}", nameof(policy), ex);
        }

        for (var i = 0; i < envelope.Identities.Count; i++)
        {
            var identity = envelope.Identities[i];
            if (identity.PrincipalClassification != MSPPrincipal.Types.Classification.Role)
            {
                // Dropping it silently (as the Node helper does) would weaken the policy on the next write.
                throw new ArgumentException(
                    $"Identity {i} of the policy is a {identity.PrincipalClassification} principal; key-level endorsement policies built here contain only MSP roles.",
                    nameof(policy));
            }

            MSPRole role;
            try
            {
                role = MSPRole.Parser.ParseFrom(identity.Principal);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new ArgumentException($"Identity {i} of the policy is not a valid MSPRole: {ex.Message}", nameof(policy), ex);
            }

            _orgs[role.MspIdentifier] = role.Role;
        }
    }

    /// <summary>Requires an endorsement by <paramref name="role"/> of each of <paramref name="mspIds"/> (replacing a role set before).</summary>
    /// <exception cref="ArgumentException">An MSP id is null, empty or not valid Unicode, or the role is unknown.</exception>
    public void AddOrgs(KeyEndorsementRole role, params string[] mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        var mspRole = role switch
        {
            KeyEndorsementRole.Member => MSPRole.Types.MSPRoleType.Member,
            KeyEndorsementRole.Peer => MSPRole.Types.MSPRoleType.Peer,
            _ => throw new ArgumentException($"Role {role} is not a key endorsement role; use Member or Peer.", nameof(role)),
        };
        foreach (var mspId in mspIds)
        {
            Check(mspId, nameof(mspIds));
        }

        foreach (var mspId in mspIds)
        {
            _orgs[mspId] = mspRole;
        }
    }

    /// <summary>Removes organisations from the policy; ids that are not in it are ignored.</summary>
    public void DeleteOrgs(params string[] mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        foreach (var mspId in mspIds)
        {
            if (mspId is not null)
            {
                _orgs.Remove(mspId);
            }
        }
    }

    /// <summary>The MSP ids of the policy, in ordinal order.</summary>
    public IReadOnlyList<string> ListOrgs() => _orgs.Keys.ToArray();

    /// <summary>The serialized <c>common.SignaturePolicyEnvelope</c>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The policy has no organisation: an N-out-of-N rule with N = 0 would be satisfied by no endorsement at all.
    /// </exception>
    public byte[] GetPolicy()
    {
        if (_orgs.Count == 0)
        {
            throw new InvalidOperationException(
                "The key-level endorsement policy has no organisation; a policy requiring 0 endorsements would accept any change. Add organisations, or remove the key's policy instead.");
        }

        var envelope = new SignaturePolicyEnvelope { Version = 0 };
        var rule = new SignaturePolicy.Types.NOutOf { N = _orgs.Count };
        var index = 0;
        foreach (var (mspId, role) in _orgs)
        {
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
            });
            rule.Rules.Add(new SignaturePolicy { SignedBy = index++ });
        }

        envelope.Rule = new SignaturePolicy { NOutOf = rule };
        return envelope.ToByteArray();
    }

    private static void Check(string mspId, string parameterName)
    {
        if (mspId is null)
        {
            throw new ArgumentNullException(parameterName, "An MSP id is null.");
        }

        if (mspId.Length == 0)
        {
            throw new ArgumentException("An MSP id is empty.", parameterName);
        }

        KeyRules.Utf8(mspId, "MSP id", parameterName);
    }
}
