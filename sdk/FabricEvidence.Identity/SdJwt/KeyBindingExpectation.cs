namespace FabricEvidence.Identity;

/// <summary>What the verifier asked the holder to bind a presentation to: its own identifier and a fresh nonce.</summary>
/// <param name="Audience">The verifier's identifier; the key binding JWT's <c>aud</c> must equal it.</param>
/// <param name="Nonce">The nonce the verifier issued for this presentation; the key binding JWT's <c>nonce</c> must equal it.</param>
public sealed record KeyBindingExpectation(string Audience, string Nonce);
