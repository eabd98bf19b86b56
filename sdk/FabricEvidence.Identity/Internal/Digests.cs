using System.Security.Cryptography;
using System.Text;

namespace FabricEvidence.Identity.Internal;

/// <summary>The one digest of the SD-JWT layer: base64url(SHA-256(US-ASCII text)), as RFC 9901 section 4.2.3 defines it.</summary>
internal static class Digests
{
    /// <summary>The IANA name of the only hash algorithm accepted in <c>_sd_alg</c>.</summary>
    public const string Sha256Name = "sha-256";

    public static string OfAscii(string text)
    {
        // Every input here is base64url or compact JWS text. Encoding.ASCII would turn any other character into '?',
        // so that two different texts could share a digest: refuse instead.
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                throw new ArgumentException("Digest input must be ASCII (base64url or compact JWS text).", nameof(text));
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text);
        return Base64Url.Encode(SHA256.HashData(bytes));
    }
}
