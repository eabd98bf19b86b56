namespace FabricEvidence.Gateway;

/// <summary>
/// A smart contract: evaluate transactions (queries) and submit them (ledger updates). The one-call methods compose
/// the steps <see cref="NewProposal"/> → <see cref="IProposal.EndorseAsync(CancellationToken)"/> →
/// <see cref="ITransaction.SubmitAsync(CancellationToken)"/> → <see cref="ICommit.GetStatusAsync(CancellationToken)"/>.
/// </summary>
/// <example>
/// <code>
/// var result = await contract.SubmitTransactionAsync("CreateAsset", ["asset1", "blue"], cancellationToken);
/// var asset = await contract.EvaluateTransactionAsync("ReadAsset", ["asset1"], cancellationToken);
/// </code>
/// </example>
public interface IContract
{
    /// <summary>The chaincode name.</summary>
    string ChaincodeName { get; }

    /// <summary>The contract name within the chaincode, or <see langword="null"/> for the default contract.</summary>
    string? ContractName { get; }

    /// <summary>
    /// Evaluates a transaction with string arguments (UTF-8 encoded) and returns its result. For binary arguments or
    /// transient data, use <see cref="EvaluateAsync"/> with <see cref="ProposalOptions"/>.
    /// </summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="arguments">The arguments, for example <c>["asset1"]</c>, or <c>[]</c> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EvaluateException">The evaluation failed.</exception>
    Task<byte[]> EvaluateTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a transaction (arguments, transient data, target organizations in <paramref name="options"/>).</summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="options">Arguments and other proposal options; none by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EvaluateException">The evaluation failed.</exception>
    Task<byte[]> EvaluateAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a transaction with string arguments (UTF-8 encoded), waits for it to commit, and returns its result. For
    /// binary arguments or transient data, use <see cref="SubmitAsync"/> with <see cref="ProposalOptions"/>.
    /// </summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="arguments">The arguments, for example <c>["asset1", "blue"]</c>.</param>
    /// <param name="cancellationToken">Cancels the remaining steps (a transaction already submitted may still commit).</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<byte[]> SubmitTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);

    /// <summary>Submits a transaction, waits for it to commit, and returns its result.</summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="options">Arguments, transient data and other proposal options; none by default.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<byte[]> SubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Endorses and submits a transaction without waiting for it to commit. Use the result's
    /// <see cref="ICommit.GetStatusAsync(CancellationToken)"/> to wait.
    /// </summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="options">Arguments, transient data and other proposal options; none by default.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The submitted transaction.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    Task<ISubmittedTransaction> StartSubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Builds a proposal to evaluate or endorse step by step, or to sign offline.</summary>
    /// <param name="transactionName">The transaction name.</param>
    /// <param name="options">Arguments, transient data and other proposal options; none by default.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    IProposal NewProposal(string transactionName, ProposalOptions? options = null);
}
