using System.Globalization;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Msp;
using ApplicationPolicy = FabricEvidence.Protocol.Peer.ApplicationPolicy;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>Bytes signed by an identity, as Fabric's <c>protoutil.SignedData</c>.</summary>
internal sealed record SignedData(ByteString Identity, byte[] Data, ByteString Signature);

/// <summary>An identity whose signature verified, with its validation at the time the policy is evaluated.</summary>
internal sealed record Signer(ResolvedIdentity Identity, IdentityValidation Validation)
{
    public string MspId => Identity.MspId;

    public CertificateInfo Certificate => Identity.Certificate!;
}

/// <summary>
/// Evaluates Fabric policies against a set of signatures, as the peer does: the signature set is first reduced to the
/// distinct identities whose signature verifies (common/policies SignatureSetToValidIdentities), then signature
/// policies are evaluated greedily, each identity used at most once per policy (common/cauthdsl), implicit meta
/// policies count their sub-policies (common/policies/implicitmeta.go), and application policies are either a
/// signature policy or a reference to a channel policy (core/policy/application.go).
/// </summary>
internal sealed class PolicyEngine
{
    private readonly ChannelConfiguration _config;
    private readonly DateTimeOffset _time;

    public PolicyEngine(ChannelConfiguration config, DateTimeOffset time)
    {
        _config = config;
        _time = time;
    }

    /// <summary>The distinct identities of <paramref name="set"/> whose signatures verify; a note for each one dropped.</summary>
    public List<Signer> ValidSigners(IEnumerable<SignedData> set, List<string> dropped)
    {
        var signers = new List<Signer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var signed in set)
        {
            index++;
            var identity = _config.Resolve(signed.Identity);
            if (identity.Error is not null)
            {
                dropped.Add($"signature {index}: {identity.Error}");
                continue;
            }

            if (!seen.Add(identity.MspId + "/" + identity.Certificate!.Fingerprint))
            {
                dropped.Add($"signature {index}: a second signature by the same identity does not count");
                continue;
            }

            var error = Signatures.Verify(identity.Certificate, signed.Data, signed.Signature.Span, identity.Msp!.SignatureHash);
            if (error is not null)
            {
                dropped.Add($"signature {index} ({identity.MspId}, {identity.Certificate.Subject}): {error}");
                continue;
            }

            signers.Add(new Signer(identity, identity.Msp.Validate(identity.Certificate, _time)));
        }

        return signers;
    }

    public bool Evaluate(ApplicationPolicy policy, IReadOnlyList<Signer> signers, out string description) => policy.TypeCase switch
    {
        ApplicationPolicy.TypeOneofCase.SignaturePolicy => EvaluateSignaturePolicy(policy.SignaturePolicy, signers, out description),
        ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference => EvaluatePath(policy.ChannelConfigPolicyReference, signers, out description),
        _ => Unsatisfiable("an application policy of no known type", out description),
    };

    public bool EvaluatePath(string path, IReadOnlyList<Signer> signers, out string description)
    {
        var found = _config.FindPolicy(path);
        if (found is null)
        {
            return Unsatisfiable($"the channel policy {path}, which the configuration (block {_config.BlockNumber}) does not define", out description);
        }

        var satisfied = EvaluateConfigPolicy(found.Value.Policy.Policy, found.Value.Group, signers, out var inner);
        description = $"channel policy {path} ({inner})";
        return satisfied;
    }

    public static bool EvaluateSignaturePolicy(SignaturePolicyEnvelope envelope, IReadOnlyList<Signer> signers, out string description)
    {
        description = Describe(envelope);
        if (envelope.Rule is null)
        {
            return false;
        }

        var used = new bool[signers.Count];
        return Evaluate(envelope.Rule, envelope.Identities, signers, used);
    }

    private static bool EvaluateConfigPolicy(Policy policy, ConfigGroup group, IReadOnlyList<Signer> signers, out string description)
    {
        try
        {
            switch ((Policy.Types.PolicyType)policy.Type)
            {
                case Policy.Types.PolicyType.Signature:
                    return EvaluateSignaturePolicy(SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value), signers, out description);
                case Policy.Types.PolicyType.ImplicitMeta:
                    var meta = ImplicitMetaPolicy.Parser.ParseFrom(policy.Value);
                    var children = group.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                    var threshold = meta.Rule switch
                    {
                        ImplicitMetaPolicy.Types.Rule.Any => 1,
                        ImplicitMetaPolicy.Types.Rule.All => children.Count,
                        _ => (children.Count / 2) + 1,
                    };
                    if (children.Count == 0)
                    {
                        threshold = 0;
                    }

                    var satisfiedBy = new List<string>();
                    foreach (var (name, child) in children)
                    {
                        if (child.Policies.TryGetValue(meta.SubPolicy, out var sub) && sub.Policy is not null
                            && EvaluateConfigPolicy(sub.Policy, child, signers, out _))
                        {
                            satisfiedBy.Add(name);
                        }
                    }

                    description = string.Create(CultureInfo.InvariantCulture,
                        $"{meta.Rule.ToString().ToUpperInvariant()} {meta.SubPolicy}: {satisfiedBy.Count} of {children.Count} organisations' {meta.SubPolicy} policies satisfied, {threshold} required");
                    return satisfiedBy.Count >= threshold;
                default:
                    return Unsatisfiable($"a policy of type {policy.Type}, which this verifier does not evaluate", out description);
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            return Unsatisfiable($"a policy that cannot be decoded ({e.Message})", out description);
        }
    }

    private static bool Evaluate(SignaturePolicy rule, IList<MSPPrincipal> principals, IReadOnlyList<Signer> signers, bool[] used)
    {
        switch (rule.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                if (rule.SignedBy < 0 || rule.SignedBy >= principals.Count)
                {
                    return false;
                }

                var principal = principals[rule.SignedBy];
                for (var i = 0; i < signers.Count; i++)
                {
                    if (!used[i] && Satisfies(signers[i], principal))
                    {
                        used[i] = true;
                        return true;
                    }
                }

                return false;
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var verified = 0;
                var trial = new bool[used.Length];
                foreach (var child in rule.NOutOf.Rules)
                {
                    Array.Copy(used, trial, used.Length);
                    if (Evaluate(child, principals, signers, trial))
                    {
                        verified++;
                        Array.Copy(trial, used, used.Length);
                    }
                }

                return verified >= rule.NOutOf.N;
            default:
                return false;
        }
    }

    private static bool Satisfies(Signer signer, MSPPrincipal principal)
    {
        try
        {
            switch (principal.PrincipalClassification)
            {
                case MSPPrincipal.Types.Classification.Role:
                    var role = MSPRole.Parser.ParseFrom(principal.Principal);
                    return role.MspIdentifier == signer.MspId && signer.Identity.Msp!.HasRole(signer.Certificate, signer.Validation, role.Role);
                case MSPPrincipal.Types.Classification.OrganizationUnit:
                    var unit = OrganizationUnit.Parser.ParseFrom(principal.Principal);
                    return unit.MspIdentifier == signer.MspId && signer.Validation.IsValid
                        && signer.Certificate.OrganizationalUnits.Contains(unit.OrganizationalUnitIdentifier)
                        && unit.CertifiersIdentifier.Span.SequenceEqual(signer.Validation.Certifiers);
                case MSPPrincipal.Types.Classification.Identity:
                    var identity = SerializedIdentity.Parser.ParseFrom(principal.Principal);
                    var der = CertificateInfo.PemToDer(identity.IdBytes.Span);
                    return identity.Mspid == signer.MspId && signer.Validation.IsValid && der is not null && der.AsSpan().SequenceEqual(signer.Certificate.Der);
                case MSPPrincipal.Types.Classification.Anonymity:
                    return MSPIdentityAnonymity.Parser.ParseFrom(principal.Principal).AnonymityType == MSPIdentityAnonymity.Types.MSPIdentityAnonymityType.Nominal
                        && signer.Validation.IsValid;
                case MSPPrincipal.Types.Classification.Combined:
                    return CombinedPrincipal.Parser.ParseFrom(principal.Principal).Principals.All(p => Satisfies(signer, p));
                default:
                    return false;
            }
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static bool Unsatisfiable(string what, out string description)
    {
        description = what;
        return false;
    }

    /// <summary>A signature policy in the notation of Fabric's policy language: <c>OR('Org1MSP.peer','Org2MSP.peer')</c>.</summary>
    public static string Describe(SignaturePolicyEnvelope envelope) =>
        envelope.Rule is null ? "an empty signature policy" : Describe(envelope.Rule, envelope.Identities);

    private static string Describe(SignaturePolicy rule, IList<MSPPrincipal> principals)
    {
        switch (rule.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                return rule.SignedBy >= 0 && rule.SignedBy < principals.Count ? DescribePrincipal(principals[rule.SignedBy]) : "'?'";
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var parts = string.Join(",", rule.NOutOf.Rules.Select(r => Describe(r, principals)));
                var n = rule.NOutOf.N;
                var count = rule.NOutOf.Rules.Count;
                return n == 1 ? $"OR({parts})"
                    : n == count ? $"AND({parts})"
                    : string.Create(CultureInfo.InvariantCulture, $"OutOf({n},{parts})");
            default:
                return "'?'";
        }
    }

    private static string DescribePrincipal(MSPPrincipal principal)
    {
        try
        {
            switch (principal.PrincipalClassification)
            {
                case MSPPrincipal.Types.Classification.Role:
                    var role = MSPRole.Parser.ParseFrom(principal.Principal);
                    return $"'{role.MspIdentifier}.{role.Role.ToString().ToLowerInvariant()}'";
                case MSPPrincipal.Types.Classification.OrganizationUnit:
                    var unit = OrganizationUnit.Parser.ParseFrom(principal.Principal);
                    return $"'{unit.MspIdentifier}' OU '{unit.OrganizationalUnitIdentifier}'";
                case MSPPrincipal.Types.Classification.Identity:
                    return $"identity of {SerializedIdentity.Parser.ParseFrom(principal.Principal).Mspid}";
                default:
                    return principal.PrincipalClassification.ToString().ToLowerInvariant();
            }
        }
        catch (InvalidProtocolBufferException)
        {
            return "'?'";
        }
    }
}
