using FabricEvidence.Identity.Contract.Internal;

namespace FabricEvidence.Identity.Contract;

// Credential types: the schemas issuers are registered for.
public sealed partial class IdentityContract
{
    /// <summary>
    /// Registers a credential type, or its next version. An administrator of a registry organisation. Only issuers
    /// registered (by majority) for the type can issue it, and each issuance is checked against the version in force.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="vct">The type URI (the credentials' <c>vct</c>).</param>
    /// <param name="claims">JSON array of the claim paths credentials of the type may hold (1 to 64, none of iss, iat, nbf, exp, cnf, vct, status, sub, jti, aud).</param>
    /// <param name="selectivelyDisclosable">JSON array of the claim paths issued as disclosures: a subset of <paramref name="claims"/>, may be empty.</param>
    /// <returns>The registered version.</returns>
    [Transaction]
    public static async Task<CredentialType> RegisterCredentialType(Context context, [Param("The type URI")] string vct, [Param("JSON array of claim paths")] string claims, [Param("JSON array of disclosable claim paths")] string selectivelyDisclosable)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var store = new IdentityStore(stub);
        var config = await store.ConfigAsync(context.CancellationToken).ConfigureAwait(false);
        var caller = Caller.Of(context).RequireAdminOf(config, "RegisterCredentialType");
        var type = Input.Uri(vct, nameof(vct));
        var names = Input.StringArray(claims, nameof(claims), IdentityLimits.MaxClaims, Input.ClaimPath);
        var disclosable = Input.StringArray(selectivelyDisclosable, nameof(selectivelyDisclosable), IdentityLimits.MaxClaims, Input.ClaimPath, allowEmpty: true);
        foreach (var name in names.Where(n => Claims.Registered.Contains(Claims.Top(n))))
        {
            throw Errors.InvalidArgument($"The claim {Input.Show(name)} is set by the SD-JWT VC layer itself and cannot be part of a credential type.");
        }

        foreach (var path in disclosable.Where(d => !names.Any(n => Claims.Covers(n, d))))
        {
            throw Errors.InvalidArgument($"The selectively disclosable claim {Input.Show(path)} is not among the type's claims (or below one of them).");
        }

        var current = await store.FindAsync<CredentialType>(store.Key(IdentityStore.TypeType, type), context.CancellationToken).ConfigureAwait(false);
        var act = caller.Act(stub);
        var registered = new CredentialType(type, (current?.Version ?? 0) + 1, names, disclosable, act);
        await store.PutAsync(store.Key(IdentityStore.TypeType, type), registered, context.CancellationToken).ConfigureAwait(false);
        await store.PutAsync(store.Key(IdentityStore.TypeVersionType, type, IdentityStore.Version(registered.Version)), registered, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, new IdentityEvent(IdentityEventTypes.CredentialTypeRegistered, act) { Vct = type, TypeVersion = registered.Version });
        return registered;
    }
}
