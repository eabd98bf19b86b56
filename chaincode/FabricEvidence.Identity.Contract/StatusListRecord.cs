namespace FabricEvidence.Identity.Contract;

/// <summary>One status list of an issuer and type.</summary>
/// <param name="Uri">Its URI, the <c>sub</c> of its status list token.</param>
/// <param name="IssuerId">The issuer that signs its tokens.</param>
/// <param name="Vct">The credential type whose entries it holds.</param>
/// <param name="Number">1 for the first list of the issuer and type, and so on.</param>
/// <param name="Capacity">Its entries (<see cref="IdentityLimits.StatusListCapacity"/>).</param>
/// <param name="Bits">Bits per entry (<see cref="IdentityLimits.StatusBits"/>).</param>
/// <param name="Allocated">Entries reserved so far.</param>
/// <param name="Seed">The transaction id that created it: the key of its index permutation.</param>
[DataType(Description = "A status list: URI, issuer, type, capacity, allocation counter")]
public sealed record StatusListRecord(string Uri, string IssuerId, string Vct, int Number, int Capacity, int Bits, int Allocated, string Seed);
