namespace FabricEvidence.Identity.Internal;

/// <summary>
/// The compact serialization of RFC 9901 section 4: <c>&lt;JWT&gt;~&lt;D.1&gt;~...~&lt;D.N&gt;~[&lt;KB-JWT&gt;]</c>, split but not
/// verified.
/// </summary>
internal sealed record CompactSdJwt(string IssuerSignedJwt, IReadOnlyList<Disclosure> Disclosures, string? KeyBindingJwt, string SdJwtWithoutKeyBinding)
{
    public static CompactSdJwt Parse(string text, int maxLength, int maxDisclosures)
    {
        if (text.Length > maxLength)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"The SD-JWT is {text.Length} characters long; the limit is {maxLength}.");
        }

        var lastTilde = text.LastIndexOf('~');
        if (lastTilde < 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed,
                "Not an SD-JWT: it has no '~' separator (an SD-JWT is the issuer-signed JWT followed by '~', its disclosures each followed by '~', and an optional key binding JWT).");
        }

        var parts = text[..lastTilde].Split('~');
        if (parts.Length - 1 > maxDisclosures)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"The SD-JWT has {parts.Length - 1} disclosures; the limit is {maxDisclosures}.");
        }

        if (parts[0].Length == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The SD-JWT has no issuer-signed JWT before the first '~'.");
        }

        var disclosures = new List<Disclosure>(parts.Length - 1);
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"Disclosure #{i} is empty (two '~' in a row).");
            }

            try
            {
                disclosures.Add(Disclosure.Parse(parts[i]));
            }
            catch (SdJwtVerificationException ex)
            {
                throw new SdJwtVerificationException(ex.Code, $"Disclosure #{i}: {ex.Message}", ex);
            }
        }

        var keyBinding = lastTilde == text.Length - 1 ? null : text[(lastTilde + 1)..];
        return new CompactSdJwt(parts[0], disclosures, keyBinding, text[..(lastTilde + 1)]);
    }
}
