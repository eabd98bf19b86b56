using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity key -o holder.pem</c>: a new holder key, and its public JWK for the issuer.</summary>
internal sealed class HolderKeyCommand(Output output) : Command<HolderKeyCommand.Settings>
{
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var key = HolderKey.Generate();
        var publicPath = settings.Public ?? Path.ChangeExtension(settings.Output!, ".jwk");
        IdentityInputs.WritePrivate(settings.Output!, System.Security.Cryptography.PemEncoding.WriteString("PRIVATE KEY", key.ExportPkcs8()));
        File.WriteAllText(publicPath, key.PublicKey.ToJwkJson() + "\n");
        if (settings.Json)
        {
            output.Json(new { key = settings.Output, publicKey = publicPath, thumbprint = key.Thumbprint });
        }
        else
        {
            output.Success($"Holder key written to {settings.Output} (keep it secret); its public key to {publicPath} (give it to the issuer: --holder-key). Thumbprint {key.Thumbprint}.");
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the private key (PEM, readable by its owner only).")]
        public string? Output { get; init; }

        [CommandOption("--public <FILE>")]
        [Description("Where to write the public key (JWK). Default: the --output path with .jwk.")]
        public string? Public { get; init; }

        [CommandOption("--json")]
        [Description("Write JSON instead of text, for scripts.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o is required: where to write the holder key, e.g. -o holder.pem.") : base.Validate();
    }
}
