using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// Reads <see cref="ChaincodeServerOptions"/> from configuration (environment variables and command line) under the
/// names Fabric's chaincode-as-a-service samples use, and checks them, so that a misconfigured chaincode stops at
/// startup with a message saying which variable to fix instead of failing when the peer connects.
/// </summary>
internal static class ServerConfiguration
{
    public const string AddressKey = "CHAINCODE_SERVER_ADDRESS";
    public const string ChaincodeIdKey = "CHAINCODE_ID";
    public const string LegacyChaincodeIdKey = "CORE_CHAINCODE_ID_NAME";
    public const string TlsDisabledKey = "CHAINCODE_TLS_DISABLED";
    public const string TlsKeyKey = "CHAINCODE_TLS_KEY";
    public const string TlsCertKey = "CHAINCODE_TLS_CERT";
    public const string ClientCaKey = "CHAINCODE_CLIENT_CA_CERT";
    public const string MspIdKey = "CORE_PEER_LOCALMSPID";

    /// <summary>Fills <paramref name="options"/> from <paramref name="configuration"/>; problems are added to <paramref name="errors"/>.</summary>
    public static void Apply(IConfiguration configuration, ChaincodeServerOptions options, List<string> errors)
    {
        options.Address = Value(configuration, AddressKey) ?? options.Address;
        options.ChaincodeId = Value(configuration, ChaincodeIdKey) ?? Value(configuration, LegacyChaincodeIdKey) ?? options.ChaincodeId;
        options.LocalMspId = Value(configuration, MspIdKey) ?? options.LocalMspId;

        bool? tlsDisabled = null;
        if (Value(configuration, TlsDisabledKey) is { } disabledText)
        {
            if (bool.TryParse(disabledText, out var parsed))
            {
                tlsDisabled = parsed;
            }
            else
            {
                errors.Add($"{TlsDisabledKey} is '{disabledText}': set it to true or false.");
            }
        }

        var certPem = Value(configuration, TlsCertKey);
        var keyPem = Value(configuration, TlsKeyKey);
        var clientCa = Value(configuration, ClientCaKey);
        if (tlsDisabled == true)
        {
            return;
        }

        if (certPem is null && keyPem is null)
        {
            if (tlsDisabled == false)
            {
                errors.Add($"{TlsDisabledKey} is false but no TLS certificate is configured: set {TlsCertKey} and {TlsKeyKey} to the PEM files of the server certificate and its key.");
            }

            if (clientCa is not null)
            {
                errors.Add($"{ClientCaKey} is set, but mutual TLS needs TLS: set {TlsCertKey} and {TlsKeyKey} as well.");
            }

            return;
        }

        if (certPem is null || keyPem is null)
        {
            errors.Add($"TLS needs both {TlsCertKey} and {TlsKeyKey}; only {(certPem is null ? TlsKeyKey : TlsCertKey)} is set.");
            return;
        }

        var certText = ReadPem(certPem, TlsCertKey, errors);
        var keyText = ReadPem(keyPem, TlsKeyKey, errors);
        if (certText is not null && keyText is not null)
        {
            try
            {
                options.TlsCertificate = LoadCertificate(certText, keyText);
            }
            catch (CryptographicException ex)
            {
                errors.Add($"{TlsCertKey} and {TlsKeyKey} do not form a usable certificate with its private key: {ex.Message}");
            }
        }

        if (clientCa is not null && ReadPem(clientCa, ClientCaKey, errors) is { } caText)
        {
            try
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPem(caText);
                if (authorities.Count == 0)
                {
                    errors.Add($"{ClientCaKey} contains no PEM certificate.");
                }
                else
                {
                    options.ClientCertificateAuthorities = authorities;
                }
            }
            catch (CryptographicException ex)
            {
                errors.Add($"{ClientCaKey} cannot be read as PEM certificates: {ex.Message}");
            }
        }
    }

    /// <summary>Checks the options; problems are added to <paramref name="errors"/>.</summary>
    public static IPEndPoint? Validate(ChaincodeServerOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ChaincodeId))
        {
            errors.Add($"{ChaincodeIdKey} is not set: set it to the package id printed by `peer lifecycle chaincode install` (label:hash).");
        }
        else if (options.ChaincodeId.Any(char.IsWhiteSpace))
        {
            errors.Add($"{ChaincodeIdKey} '{options.ChaincodeId}' contains white space; a package id has the form label:hash.");
        }

        IPEndPoint? endpoint = null;
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            errors.Add($"{AddressKey} is not set: set it to the host:port the chaincode listens on, for example 0.0.0.0:9999 (the address in the package's connection.json must reach it).");
        }
        else if (!TryParseAddress(options.Address, out endpoint, out var problem))
        {
            errors.Add($"{AddressKey} '{options.Address}' is not a valid host:port: {problem}");
        }

        if (options.MaxMessageSize <= 0)
        {
            errors.Add($"MaxMessageSize must be positive; it is {options.MaxMessageSize}.");
        }

        if (options.TlsCertificate is { HasPrivateKey: false })
        {
            errors.Add("The TLS certificate has no private key; set CHAINCODE_TLS_KEY (or load it with X509Certificate2.CreateFromPem(cert, key)).");
        }

        if (options.ClientCertificateAuthorities is not null && options.TlsCertificate is null)
        {
            errors.Add("Client certificate authorities (mutual TLS) need a TLS certificate: set CHAINCODE_TLS_CERT and CHAINCODE_TLS_KEY.");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            errors.Add("ShutdownTimeout must not be negative.");
        }

        if (options.KeepAliveInterval <= TimeSpan.Zero && options.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            errors.Add("KeepAliveInterval must be positive, or Timeout.InfiniteTimeSpan to turn keepalive off.");
        }

        if (options.KeepAliveTimeout <= TimeSpan.Zero)
        {
            errors.Add("KeepAliveTimeout must be positive.");
        }

        return endpoint;
    }

    public static bool TryParseAddress(string address, out IPEndPoint? endpoint, out string problem)
    {
        endpoint = null;
        var text = address.Trim();
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            problem = "it has no port (expected host:port, for example 0.0.0.0:9999).";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            problem = $"the port '{portText}' is not a number between 0 and 65535.";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        IPAddress ip;
        if (host.Length == 0 || host == "*")
        {
            ip = IPAddress.Any;
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out ip!))
        {
            try
            {
                var addresses = Dns.GetHostAddresses(host);
                ip = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()!;
                if (ip is null)
                {
                    problem = $"the host '{host}' resolves to no address.";
                    return false;
                }
            }
            catch (SocketException ex)
            {
                problem = $"the host '{host}' cannot be resolved: {ex.Message}";
                return false;
            }
        }

        endpoint = new IPEndPoint(ip, port);
        problem = string.Empty;
        return true;
    }

    private static string? Value(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>PEM text given directly, or the contents of the file the value names (the samples pass file paths).</summary>
    private static string? ReadPem(string value, string key, List<string> errors)
    {
        if (value.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return value;
        }

        try
        {
            return File.ReadAllText(value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{key} names the file '{value}', which cannot be read: {ex.Message}");
            return null;
        }
    }

    private static X509Certificate2 LoadCertificate(string certPem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
        // Windows' TLS stack cannot use a key that exists only in memory; a PKCS#12 round trip gives it a persisted one.
        return OperatingSystem.IsWindows()
            ? X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null)
            : new X509Certificate2(ephemeral);
    }
}
