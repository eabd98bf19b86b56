namespace FabricEvidence.Chaincode;

/// <summary>
/// Descriptive information published in the contract metadata. On a contract class it describes that contract; on
/// an assembly it describes the chaincode as a whole (the top-level <c>info</c>) when that assembly holds the
/// default contract.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class InfoAttribute : Attribute
{
    /// <summary>The title; defaults to the contract name (or, for the chaincode, the assembly name).</summary>
    public string? Title { get; set; }

    /// <summary>A longer description.</summary>
    public string? Description { get; set; }

    /// <summary>The version; defaults to the version of the assembly that declares the contract.</summary>
    public string? Version { get; set; }

    /// <summary>The terms of service.</summary>
    public string? TermsOfService { get; set; }

    /// <summary>The licence name, for example an SPDX identifier such as <c>Apache-2.0</c>.</summary>
    public string? License { get; set; }

    /// <summary>An absolute URL of the licence text; requires <see cref="License"/>.</summary>
    public string? LicenseUrl { get; set; }

    /// <summary>The name of the contact person or organisation.</summary>
    public string? ContactName { get; set; }

    /// <summary>The contact e-mail address.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>An absolute URL with contact information.</summary>
    public string? ContactUrl { get; set; }
}
