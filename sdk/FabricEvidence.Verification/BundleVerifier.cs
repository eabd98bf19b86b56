using FabricEvidence.Verification.Internal;

namespace FabricEvidence.Verification;

/// <summary>
/// Verifies an evidence bundle with no network access: the bundle's entries, the header hash chain, each block's data
/// hash and ordering-service signatures, the configuration and chaincode definition in force, every transaction's
/// creator and endorsement signatures against the organisations' CAs, the endorsement policy, the validation flags,
/// the item's record in the read/write sets, its history, and the digest of the file the court holds.
/// </summary>
/// <remarks>
/// Tampered or damaged input never throws: every problem is a failed <see cref="VerificationCheck"/> that names what
/// failed and where. Only misuse (null arguments) and cancellation throw. Instances are thread-safe.
/// </remarks>
public sealed class BundleVerifier
{
    private readonly BundleVerifierOptions _options;

    /// <summary>Creates a verifier with default options.</summary>
    public BundleVerifier()
        : this(new BundleVerifierOptions())
    {
    }

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">The options; read at each verification.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public BundleVerifier(BundleVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Verifies a bundle without a file: the verdict is at best <see cref="VerificationVerdict.Incomplete"/>.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bundle"/> is null.</exception>
    public Task<BundleVerificationResult> VerifyAsync(EvidenceBundle bundle, CancellationToken cancellationToken = default) =>
        VerifyAsync(bundle, [], cancellationToken);

    /// <summary>Verifies a bundle of one item and the item's file.</summary>
    /// <param name="bundle">The bundle; it must name exactly one item, or the file is reported as matching none.</param>
    /// <param name="file">The file's content, read from its current position to its end; not disposed.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Task<BundleVerificationResult> VerifyAsync(EvidenceBundle bundle, Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(file);
        var itemId = bundle.Manifest.Items.Count == 1 ? bundle.Manifest.Items[0].Id : string.Empty;
        return VerifyAsync(bundle, [new EvidenceFile(itemId, file)], cancellationToken);
    }

    /// <summary>Verifies a bundle and the files of its items.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="files">The files, each naming its item; an item without a file is reported as not checked.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<BundleVerificationResult> VerifyAsync(EvidenceBundle bundle, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(files);
        using var run = new VerificationRun(bundle, _options);
        return await run.RunAsync(files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a bundle from a zip stream and verifies it; an unreadable bundle is a failed check, not an exception.</summary>
    /// <param name="bundleZip">The bundle's zip file, read to its end; not disposed.</param>
    /// <param name="files">The files, each naming its item.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async Task<BundleVerificationResult> VerifyAsync(Stream bundleZip, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundleZip);
        ArgumentNullException.ThrowIfNull(files);
        EvidenceBundle bundle;
        try
        {
            bundle = await EvidenceBundle.ReadAsync(bundleZip, cancellationToken).ConfigureAwait(false);
        }
        catch (BundleFormatException e)
        {
            return VerificationRun.Unreadable(e.Message);
        }

        return await VerifyAsync(bundle, files, cancellationToken).ConfigureAwait(false);
    }
}
