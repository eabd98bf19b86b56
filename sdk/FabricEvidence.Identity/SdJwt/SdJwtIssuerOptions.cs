namespace FabricEvidence.Identity;

/// <summary>Options of <see cref="SdJwtIssuer"/>.</summary>
public sealed class SdJwtIssuerOptions
{
    /// <summary>The clock for <c>iat</c> when a request gives none. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The <c>typ</c> header of issued credentials. Defaults to <c>dc+sd-jwt</c>, the media type of the current SD-JWT
    /// VC draft (what <c>@sd-jwt/sd-jwt-vc</c> emits); <c>vc+sd-jwt</c> is the older name, for verifiers that only know it.
    /// </summary>
    public string TokenType { get; set; } = "dc+sd-jwt";
}
