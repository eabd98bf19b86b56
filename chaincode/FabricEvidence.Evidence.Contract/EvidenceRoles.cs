namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The values of the Fabric CA attribute <see cref="Attribute"/> in a caller's enrollment certificate that the
/// contract recognises. The contract reads them from the certificate, never from arguments.
/// </summary>
public static class EvidenceRoles
{
    /// <summary>The certificate attribute holding the role: <c>role</c> (issue it with <c>--id.attrs 'role=…:ecert'</c>).</summary>
    public const string Attribute = "role";

    /// <summary>Submits evidence and registers derivatives for its own organisation.</summary>
    public const string Investigator = "investigator";

    /// <summary>The storage receiver: confirms storage with its own digest and records integrity attestations.</summary>
    public const string Storage = "storage";

    /// <summary>Acts for the holding organisation: offers, accepts, declines and withdraws transfers; requests disposal.</summary>
    public const string Custodian = "custodian";

    /// <summary>Places and lifts legal holds, changes retention, approves or declines disposal, invalidates.</summary>
    public const string Prosecutor = "prosecutor";

    /// <summary>As <see cref="Prosecutor"/>, and may lift any hold.</summary>
    public const string Judge = "judge";
}
