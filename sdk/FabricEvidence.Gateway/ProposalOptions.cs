using System.Text;

namespace FabricEvidence.Gateway;

/// <summary>
/// The inputs of a transaction proposal: arguments, transient (private) data, and the organizations that must
/// endorse it. Strings are encoded as UTF-8. Each property states its default.
/// </summary>
public sealed class ProposalOptions
{
    /// <summary>The transaction arguments, after the transaction name. Defaults to empty.</summary>
    public IList<byte[]> Arguments { get; } = new List<byte[]>();

    /// <summary>
    /// Transient data: passed to the chaincode but not recorded on the ledger (use it for private data). Defaults to empty.
    /// </summary>
    public IDictionary<string, byte[]> TransientData { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>
    /// The MSP IDs of the organizations that must endorse (or, for an evaluation, the one to ask). Defaults to empty:
    /// the Gateway chooses from the endorsement policy.
    /// </summary>
    public IList<string> EndorsingOrganizations { get; } = new List<string>();

    /// <summary>Appends string arguments (UTF-8).</summary>
    public ProposalOptions AddArguments(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Arguments.Add(Encoding.UTF8.GetBytes(argument ?? throw new ArgumentException("An argument is null.", nameof(arguments))));
        }

        return this;
    }

    /// <summary>Appends binary arguments.</summary>
    public ProposalOptions AddArguments(params byte[][] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Arguments.Add(argument ?? throw new ArgumentException("An argument is null.", nameof(arguments)));
        }

        return this;
    }

    /// <summary>Adds or replaces one transient data entry (UTF-8).</summary>
    public ProposalOptions AddTransientData(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddTransientData(key, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Adds or replaces one transient data entry.</summary>
    public ProposalOptions AddTransientData(string key, byte[] value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        TransientData[key] = value;
        return this;
    }

    /// <summary>Sets the organizations that must endorse.</summary>
    public ProposalOptions SetEndorsingOrganizations(params string[] mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        EndorsingOrganizations.Clear();
        foreach (var mspId in mspIds)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(mspId, nameof(mspIds));
            EndorsingOrganizations.Add(mspId);
        }

        return this;
    }
}
