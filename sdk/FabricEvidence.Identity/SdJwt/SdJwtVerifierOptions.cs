using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Identity;

/// <summary>Options of <see cref="SdJwtVerifier"/>.</summary>
public sealed class SdJwtVerifierOptions
{
    /// <summary>
    /// The organisations' CA certificates (as the channel configuration lists them): self-signed roots are trusted,
    /// intermediate CA certificates help build paths to them. Required: the verifier refuses to start without one.
    /// Defaults to an empty collection.
    /// </summary>
    public X509Certificate2Collection TrustAnchors { get; set; } = [];

    /// <summary>The clock for validity, freshness and certificate checks. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far clocks may disagree when comparing <c>iat</c>, <c>nbf</c> and <c>exp</c>. Defaults to 60 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a key binding JWT's <c>iat</c> may be. Defaults to 5 minutes.</summary>
    public TimeSpan KeyBindingMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The credential <c>typ</c> headers accepted. Defaults to <c>dc+sd-jwt</c> (current SD-JWT VC draft, what
    /// <c>@sd-jwt/sd-jwt-vc</c> emits) and <c>vc+sd-jwt</c> (its earlier name, still emitted by older issuers).
    /// </summary>
    public IReadOnlyCollection<string> AcceptedTypes { get; set; } = ["dc+sd-jwt", "vc+sd-jwt"];

    /// <summary>The longest SD-JWT or presentation accepted, in characters. Defaults to 65,536.</summary>
    public int MaxLength { get; set; } = 65_536;

    /// <summary>The most disclosures accepted in one SD-JWT. Defaults to 256.</summary>
    public int MaxDisclosures { get; set; } = 256;

    /// <summary>The most certificates accepted in <c>x5c</c>. Defaults to 5.</summary>
    public int MaxCertificates { get; set; } = 5;

    /// <summary>The longest status list token accepted, in characters. Defaults to 1,048,576.</summary>
    public int MaxStatusListTokenLength { get; set; } = 1_048_576;

    /// <summary>The largest decompressed status list accepted, in bytes (a guard against compression bombs). Defaults to 16,777,216.</summary>
    public int MaxStatusListBytes { get; set; } = 16 * 1024 * 1024;
}
