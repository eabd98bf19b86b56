using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>
/// <c>evidence identity verify FILE --nonce N --consent ID --purpose CODE --trust MSP=CA.pem</c>: the verifier checks a
/// presentation and records the verification; exit code 5 when the ledger's verdict is not <c>passed</c> or the
/// presentation fails the checks.
/// </summary>
internal sealed class VerifyPresentationCommand(Output output, CliEnvironment environment) : IdentityCommand<VerifyPresentationCommand.Settings>(output, environment)
{
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var presentation = IdentityInputs.ReadText(settings.Presentation, "the presentation file");
        var options = new VerifierClientOptions { ChannelName = ledger.ChannelName, ChaincodeName = Chaincode(settings) };
        foreach (var trust in settings.Trust)
        {
            var (mspId, file) = SplitTrust(trust);
            var certificates = options.CertificateAuthorities.TryGetValue(mspId, out var existing) ? existing : options.CertificateAuthorities[mspId] = [];
            try
            {
                certificates.ImportFromPemFile(file);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new CliException(ExitCodes.Usage, $"'{file}' is not a PEM certificate ({ex.Message.TrimEnd('.')}); fix --trust {trust}.");
            }
        }

        var verifier = new VerifierClient(ledger.Gateway, options);
        var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest
        {
            Presentation = presentation, Nonce = settings.Nonce!, ConsentId = settings.Consent!, Purpose = settings.Purpose!,
        }, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            Output.Json(new
            {
                result = outcome.Result,
                passed = outcome.Passed,
                vct = outcome.Presentation.Vct,
                issuer = outcome.Presentation.Issuer,
                claims = outcome.Presentation.Claims,
                disclosed = outcome.Presentation.DisclosedClaims,
                record = outcome.Record,
            });
        }
        else
        {
            if (outcome.Passed)
            {
                Output.Success($"Passed: {outcome.Presentation.Vct} from {outcome.Presentation.Issuer}, credential {outcome.Record.CredentialId}; recorded in transaction {outcome.Record.Id}.");
            }
            else
            {
                Output.Console.MarkupLine($"[red]✘[/] {Markup.Escape($"Not valid: the ledger's verdict is '{outcome.Result}' for credential {outcome.Record.CredentialId}; recorded in transaction {outcome.Record.Id}.")}");
            }

            // What the verifier learned: the claims the holder chose to disclose (a parent object only when none of
            // its members was disclosed on its own); the issuer's own claims (iss, cnf, status, ...) are in --json.
            // Values of a credential that is not valid are not facts anyone should act on, so only their names show.
            var disclosed = outcome.Presentation.DisclosedClaims;
            var table = new Table().AddColumn("Disclosed claim").AddColumn("Value");
            foreach (var path in disclosed.Where(p => !disclosed.Any(other => other.StartsWith(p + "/", StringComparison.Ordinal))).Order(StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(path), outcome.Passed ? Markup.Escape(Display(Resolve(outcome.Presentation.Claims, path))) : "[grey](withheld: not valid)[/]");
            }

            Output.Console.Write(table);
            var presented = outcome.Presentation;
            Output.Note($"Issued {Date(presented.IssuedAt)}, valid until {Date(presented.Expires)}; presented with the holder's key for this nonce and audience.");
        }

        return outcome.Passed ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static string Date(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "(not stated)";

    /// <summary>The value at a claim path: names separated by '/', array positions as numbers, '~1' and '~0' for '/' and '~' in a name.</summary>
    private static JsonNode? Resolve(JsonObject claims, string path)
    {
        JsonNode? node = claims;
        foreach (var segment in path.Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    // Claim values are for the person at the terminal: strings bare, structures as JSON without \u escapes.
    private static string Display(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString(ReadableJson) ?? "null";

    private static (string MspId, string File) SplitTrust(string trust)
    {
        var equals = trust.IndexOf('=', StringComparison.Ordinal);
        var file = trust[(equals + 1)..];
        return File.Exists(file)
            ? (trust[..equals], file)
            : throw new CliException(ExitCodes.NotFound, $"The CA certificate '{file}' does not exist; check --trust {trust}.");
    }

    internal sealed class Settings : ConnectionSettings
    {
    // Only a certificate with role=verifier may record a verification; network.sh names that user 'verifier'.
    internal override string DefaultUser => "verifier";

        [CommandArgument(0, "<FILE>")]
        [Description("The presentation the holder sent.")]
        public string Presentation { get; init; } = string.Empty;

        [CommandOption("--nonce <NONCE>")]
        [Description("The nonce you gave the holder ('identity nonce'); used once.")]
        public string? Nonce { get; init; }

        [CommandOption("--consent <ID>")]
        [Description("The holder's consent the verification is recorded under.")]
        public string? Consent { get; init; }

        [CommandOption("--purpose <CODE>")]
        [Description("The purpose code; it must be the consent's.")]
        public string? Purpose { get; init; }

        [CommandOption("--trust <MSPID=PEM>")]
        [Description("An issuing organisation's CA certificate, as MSPID=FILE (repeat for several).")]
        public string[] Trust { get; init; } = [];

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Nonce) ? ValidationResult.Error("--nonce is required: the nonce you gave the holder.")
            : string.IsNullOrWhiteSpace(Consent) ? ValidationResult.Error("--consent is required: the holder's consent id.")
            : string.IsNullOrWhiteSpace(Purpose) ? ValidationResult.Error("--purpose is required: the consent's purpose code.")
            : Trust.Length == 0 ? ValidationResult.Error("--trust is required: the issuing organisation's CA, e.g. --trust Org1MSP=org1-ca.pem.")
            : Trust.FirstOrDefault(t => t.IndexOf('=', StringComparison.Ordinal) is < 1 || t.EndsWith('=')) is { } bad ? ValidationResult.Error($"--trust '{bad}' must be MSPID=FILE, e.g. --trust Org1MSP=org1-ca.pem.")
            : base.Validate();
    }
}
