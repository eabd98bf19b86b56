using System.Security.Cryptography;

namespace FabricEvidence.Evidence.Internal;

/// <summary>
/// The random salt of each private input, so that nobody can confirm a guessed name or place against the public hash.
/// 32 base64url characters (192 bits); the contract asks for at least 22.
/// </summary>
internal static class Salt
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
