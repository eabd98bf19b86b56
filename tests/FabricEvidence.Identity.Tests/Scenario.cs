using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

/// <summary>One issuer, one holder and one verifier over the test PKI, with a clock the test controls.</summary>
public sealed class Scenario : IDisposable
{
    public const string Vct = "urn:fabric-evidence:residence:1";
    public const string IssuerId = "https://registry.org1.example.com";
    public const string Audience = "Org2MSP";
    public const string StatusUri = "https://status.org1.example.com/lists/residence-0";

    public Scenario(TestPki pki)
    {
        Pki = pki;
        Clock = new ManualClock(pki.Now);
        IssuerKey = pki.Issuer();
        Holder = HolderKey.Generate();
        Issuer = new SdJwtIssuer(IssuerKey, new SdJwtIssuerOptions { TimeProvider = Clock });
        Presenter = new SdJwtPresenter(Clock);
        VerifierOptions = new SdJwtVerifierOptions { TrustAnchors = pki.Anchors, TimeProvider = Clock };
    }

    public TestPki Pki { get; }

    public ManualClock Clock { get; }

    public IssuerKey IssuerKey { get; }

    public HolderKey Holder { get; }

    public SdJwtIssuer Issuer { get; }

    public SdJwtPresenter Presenter { get; }

    public SdJwtVerifierOptions VerifierOptions { get; }

    public SdJwtVerifier Verifier => new(VerifierOptions);

    public static JsonObject ResidenceClaims() => new()
    {
        ["given_name"] = "Erika",
        ["family_name"] = "Mustermann",
        ["birthdate"] = "1963-08-12",
        ["age_over_18"] = true,
        ["address"] = new JsonObject
        {
            ["street_address"] = "Heidestraße 17",
            ["locality"] = "Köln",
            ["postal_code"] = "51147",
            ["country"] = "DE",
        },
        ["nationalities"] = new JsonArray("DE", "FR"),
    };

    public static readonly string[] Disclosable =
    [
        "given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality",
        "address/postal_code", "nationalities/*",
    ];

    public IssuedCredential Issue(Action<CredentialRequestBuilder>? change = null, SdJwtIssuer? issuer = null)
    {
        var builder = new CredentialRequestBuilder
        {
            Vct = Vct,
            Issuer = IssuerId,
            HolderKey = Holder.PublicKey,
            Claims = ResidenceClaims(),
            SelectivelyDisclosable = Disclosable,
            Expires = Clock.Now.AddDays(365),
            Status = new StatusReference(4711, StatusUri),
        };
        change?.Invoke(builder);
        return (issuer ?? Issuer).Issue(builder.Build());
    }

    public Presentation Present(string credential, string nonce = "n-0S6_WzA2Mj", params string[] claims) =>
        Presenter.Present(credential, Holder, new PresentationRequest
        {
            Claims = claims.Length == 0 ? ["age_over_18", "address/locality"] : claims,
            Audience = Audience,
            Nonce = nonce,
        });

    public VerifiedPresentation Verify(string presentation, string nonce = "n-0S6_WzA2Mj", string audience = Audience) =>
        Verifier.VerifyPresentation(presentation, new KeyBindingExpectation(audience, nonce));

    public void Dispose()
    {
        IssuerKey.Dispose();
        Holder.Dispose();
    }
}

/// <summary>A mutable stand-in for <see cref="CredentialRequest"/> so tests change one field at a time.</summary>
public sealed class CredentialRequestBuilder
{
    public string Vct { get; set; } = "";
    public string Issuer { get; set; } = "";
    public HolderPublicKey HolderKey { get; set; } = null!;
    public JsonObject Claims { get; set; } = [];
    public IReadOnlyCollection<string> SelectivelyDisclosable { get; set; } = [];
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? Expires { get; set; }
    public StatusReference? Status { get; set; }
    public int DecoyDigests { get; set; }

    public CredentialRequest Build() => new()
    {
        Vct = Vct,
        Issuer = Issuer,
        HolderKey = HolderKey,
        Claims = Claims,
        SelectivelyDisclosable = SelectivelyDisclosable,
        IssuedAt = IssuedAt,
        NotBefore = NotBefore,
        Expires = Expires,
        Status = Status,
        DecoyDigests = DecoyDigests,
    };
}
