namespace FabricEvidence.Verification;

/// <summary>The ledger has no evidence item (or case) with the id asked for: nothing was exported.</summary>
public sealed class EvidenceItemNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvidenceItemNotFoundException()
        : this("The evidence item was not found.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was not found.</param>
    public EvidenceItemNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The cause.</param>
    public EvidenceItemNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an id.</summary>
    /// <param name="id">The item or case id.</param>
    /// <param name="message">What was not found.</param>
    public EvidenceItemNotFoundException(string id, string message)
        : base(message)
    {
        Id = id;
    }

    /// <summary>The item or case id that was not found, when known.</summary>
    public string? Id { get; }
}
