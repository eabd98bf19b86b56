namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The limits the contract enforces on its inputs, so that a client can check them before it submits. A value
/// outside them is refused with <see cref="EvidenceErrorCodes.InvalidArgument"/>.
/// </summary>
/// <remarks>
/// Identifiers (<see cref="MaxIdLength"/>) are 1 to 64 ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting
/// with a letter or digit; case references may also contain <c>/</c>. Text fields are non-blank and contain no control
/// characters (C0, DEL, C1), no bidirectional formatting characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), no
/// line or paragraph separators (U+2028, U+2029) and no lone surrogates: what a court reads is what was written.
/// Lengths count UTF-16 code units.
/// </remarks>
public static class EvidenceLimits
{
    /// <summary>Longest evidence id, hold id, case reference or MSP id: 64.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest description: 1,024.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Longest reason (holds, invalidation, disposal, transfer decline or withdrawal, retention change): 1,024.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>Longest purpose (access records, transfer offers): 512.</summary>
    public const int MaxPurposeLength = 512;

    /// <summary>Longest media type (<c>type/subtype</c>, RFC 6838, without parameters): 255.</summary>
    public const int MaxMediaTypeLength = 255;

    /// <summary>Longest tool name of a derivative: 128.</summary>
    public const int MaxToolLength = 128;

    /// <summary>Longest tool version of a derivative: 64.</summary>
    public const int MaxToolVersionLength = 64;

    /// <summary>Longest storage object location: 2,048.</summary>
    public const int MaxObjectLocationLength = 2048;

    /// <summary>Longest storage object version: 256.</summary>
    public const int MaxObjectVersionLength = 256;

    /// <summary>Longest field of an <see cref="EvidenceOrigin"/>: 256.</summary>
    public const int MaxOriginFieldLength = 256;

    /// <summary>Longest <see cref="CaseDetails.Text"/>: 32,768 (line breaks and tabs allowed there).</summary>
    public const int MaxCaseDetailsLength = 32768;

    /// <summary>Shortest salt of private details: 22 characters (128 bits in base64url).</summary>
    public const int MinSaltLength = 22;

    /// <summary>Longest salt of private details: 128 characters.</summary>
    public const int MaxSaltLength = 128;

    /// <summary>Largest page of a paginated query: 100 (the smallest is 1).</summary>
    public const int MaxPageSize = 100;

    /// <summary>Most legal holds on one item at a time: 16.</summary>
    public const int MaxHolds = 16;

    /// <summary>Longest derivation chain: a derivative of generation 16 cannot have derivatives of its own.</summary>
    public const int MaxGeneration = 16;
}
