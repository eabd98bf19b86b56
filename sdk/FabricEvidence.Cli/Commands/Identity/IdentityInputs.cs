using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>Reading the identity commands' files and values, each failure a line saying what to fix.</summary>
internal static class IdentityInputs
{
    /// <summary>The environment variable a wallet's passphrase is read from when no <c>--passphrase-file</c> is given.</summary>
    public const string PassphraseVariable = "EVIDENCE_WALLET_PASSPHRASE";

    public static string ReadText(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, $"The file '{path}' does not exist; check {option}.");
        }

        return File.ReadAllText(path).Trim();
    }

    public static JsonObject ReadClaims(string path)
    {
        try
        {
            return JsonNode.Parse(ReadText(path, "--claims")) as JsonObject
                ?? throw new CliException(ExitCodes.Usage, $"'{path}' is not a JSON object of claims; write {{\"given_name\": \"...\", ...}}.");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"'{path}' is not valid JSON ({ex.Message.Split('.')[0]}); fix --claims.");
        }
    }

    public static HolderPublicKey ReadHolderPublicKey(string path)
    {
        try
        {
            return HolderPublicKey.FromJwkJson(ReadText(path, "--holder-key"));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(ExitCodes.Usage, $"'{path}' is not a holder's public P-256 JWK ({ex.Message.TrimEnd('.')}); pass the .jwk file 'identity key' wrote.");
        }
    }

    public static HolderKey ReadHolderKey(string path)
    {
        try
        {
            return HolderKey.ImportPem(ReadText(path, "--key"));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(ExitCodes.Usage, $"'{path}' is not a P-256 private key in PEM ({ex.Message.TrimEnd('.')}); pass the key file 'identity key' wrote.");
        }
    }

    public static IssuerKey ReadIssuerKey(string mspDirectory)
    {
        try
        {
            return IssuerKey.FromMspDirectory(mspDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot load the issuer's signing key from '{mspDirectory}' ({ex.Message.TrimEnd('.')}); pass the issuer's MSP folder with --msp.");
        }
    }

    public static string Passphrase(string? passphraseFile, CliEnvironment environment)
    {
        var passphrase = passphraseFile is not null ? ReadText(passphraseFile, "--passphrase-file") : environment.Variable(PassphraseVariable);
        return string.IsNullOrEmpty(passphrase)
            ? throw new CliException(ExitCodes.Usage, $"No wallet passphrase: set {PassphraseVariable} or pass --passphrase-file FILE.")
            : passphrase;
    }

    public static async Task<EncryptedWallet> OpenWalletAsync(string path, string passphrase, bool mustExist, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return mustExist
                ? throw new CliException(ExitCodes.NotFound, $"The wallet '{path}' does not exist; add a credential first with: evidence identity wallet add CRED --key KEY --wallet {path}.")
                : new EncryptedWallet();
        }

        try
        {
            return await EncryptedWallet.OpenAsync(path, passphrase, cancellationToken).ConfigureAwait(false);
        }
        catch (WalletException ex)
        {
            throw new CliException(ExitCodes.Refused, ex.Code == WalletErrorCode.WrongPassphraseOrTampered
                ? $"Cannot open the wallet '{path}': the passphrase is wrong or the file was altered."
                : $"Cannot open the wallet '{path}': {ex.Message.TrimEnd('.')}.");
        }
    }

    /// <summary>Opens an existing wallet with the passphrase the options or the environment give, and finds an entry in it.</summary>
    public static async Task<(EncryptedWallet Wallet, WalletEntry Entry)> OpenEntryAsync(string path, string? passphraseFile, CliEnvironment environment, string entryId, CancellationToken cancellationToken)
    {
        var wallet = await OpenWalletAsync(path, Passphrase(passphraseFile, environment), mustExist: true, cancellationToken).ConfigureAwait(false);
        return (wallet, Entry(wallet, entryId, path));
    }

    public static WalletEntry Entry(EncryptedWallet wallet, string entryId, string path) =>
        wallet.Entries.FirstOrDefault(e => string.Equals(e.Id, entryId, StringComparison.Ordinal))
        ?? throw new CliException(ExitCodes.NotFound, $"The wallet '{path}' has no entry '{entryId}'; its entries: {(wallet.Entries.Count == 0 ? "none" : string.Join(", ", wallet.Entries.Select(e => e.Id)))}.");

    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>A time the settings' validation already accepted.</summary>
    public static DateTimeOffset ParseTime(string? text, string option) =>
        TryParseTime(text, out var time) ? time : throw new CliException(ExitCodes.Usage, $"{option} '{text}' is not a date: use ISO 8601, e.g. 2027-12-31.");

    public static IReadOnlyList<string> List(string? commaSeparated) =>
        (commaSeparated ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Writes a file only its owner may read: credentials and keys are personal or secret.</summary>
    public static void WritePrivate(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new CliException(ExitCodes.NotFound, $"The folder '{directory}' does not exist; check -o.");
        }

        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text + "\n");
    }
}
