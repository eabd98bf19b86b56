using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>
/// An HPACK decoding error: the peer sent a header block we cannot decode. HTTP/2 treats this as a connection error of
/// type COMPRESSION_ERROR, because after a failed block the peer's dynamic table and ours no longer agree.
/// </summary>
internal sealed class HpackException : Exception
{
    /// <summary>Creates an exception saying what was wrong with the header block.</summary>
    /// <param name="message">What was wrong, for the log and the GOAWAY debug data.</param>
    public HpackException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Decodes HPACK header blocks (RFC 7541) into header lists: the static table, a dynamic table with eviction and size
/// updates, literal representations, and Huffman-coded strings.
/// </summary>
/// <remarks>
/// One decoder per connection, used by one reader at a time: the dynamic table carries state from each block to the
/// next, so blocks must be decoded in the order the peer sent them. The decoder is strict: anything RFC 7541 calls a
/// decoding error is an <see cref="HpackException"/>, never a guess, since a lenient decoder would silently diverge
/// from the peer's table.
/// </remarks>
internal sealed class HpackDecoder
{
    /// <summary>RFC 7541 §4.1: every entry costs its name and value bytes plus 32 bytes of estimated overhead.</summary>
    private const int EntryOverhead = 32;

    /// <summary>
    /// Five continuation bytes carry 35 bits, more than any int; an encoder that needs more is padding with zero
    /// groups, which only serves to make us loop.
    /// </summary>
    private const int MaxIntegerContinuationBytes = 5;

    /// <summary>Huffman strings up to this decoded length are decoded on the stack instead of a rented array.</summary>
    private const int StackDecodeLimit = 256;

    private static readonly KeyValuePair<string, string>[] StaticTable =
    [
        new(":authority", ""),
        new(":method", "GET"),
        new(":method", "POST"),
        new(":path", "/"),
        new(":path", "/index.html"),
        new(":scheme", "http"),
        new(":scheme", "https"),
        new(":status", "200"),
        new(":status", "204"),
        new(":status", "206"),
        new(":status", "304"),
        new(":status", "400"),
        new(":status", "404"),
        new(":status", "500"),
        new("accept-charset", ""),
        new("accept-encoding", "gzip, deflate"),
        new("accept-language", ""),
        new("accept-ranges", ""),
        new("accept", ""),
        new("access-control-allow-origin", ""),
        new("age", ""),
        new("allow", ""),
        new("authorization", ""),
        new("cache-control", ""),
        new("content-disposition", ""),
        new("content-encoding", ""),
        new("content-language", ""),
        new("content-length", ""),
        new("content-location", ""),
        new("content-range", ""),
        new("content-type", ""),
        new("cookie", ""),
        new("date", ""),
        new("etag", ""),
        new("expect", ""),
        new("expires", ""),
        new("from", ""),
        new("host", ""),
        new("if-match", ""),
        new("if-modified-since", ""),
        new("if-none-match", ""),
        new("if-range", ""),
        new("if-unmodified-since", ""),
        new("last-modified", ""),
        new("link", ""),
        new("location", ""),
        new("max-forwards", ""),
        new("proxy-authenticate", ""),
        new("proxy-authorization", ""),
        new("range", ""),
        new("referer", ""),
        new("refresh", ""),
        new("retry-after", ""),
        new("server", ""),
        new("set-cookie", ""),
        new("strict-transport-security", ""),
        new("transfer-encoding", ""),
        new("user-agent", ""),
        new("vary", ""),
        new("via", ""),
        new("www-authenticate", ""),
    ];

    private readonly int _maxTableSize;
    private readonly int _maxHeaderListSize;
    private readonly DynamicTable _dynamicTable;

    /// <summary>Creates a decoder for one connection.</summary>
    /// <param name="maxTableSize">
    /// The SETTINGS_HEADER_TABLE_SIZE we advertise: the dynamic table starts at this size, and it is the largest
    /// dynamic table size update the peer may send. A value below the protocol's default of 4096 is only safe if the
    /// peer cannot send header blocks before acknowledging it, because until then its encoder may assume 4096.
    /// </param>
    /// <param name="maxHeaderListSize">
    /// The largest header list one block may decode to, counted as in RFC 9113 §6.5.2 (name bytes + value bytes + 32
    /// per field); a larger one is an <see cref="HpackException"/>.
    /// </param>
    public HpackDecoder(int maxTableSize = 4096, int maxHeaderListSize = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTableSize);
        ArgumentOutOfRangeException.ThrowIfNegative(maxHeaderListSize);
        _maxTableSize = maxTableSize;
        _maxHeaderListSize = maxHeaderListSize;
        _dynamicTable = new DynamicTable(maxTableSize);
    }

    /// <summary>The dynamic table's current size in bytes (RFC 7541 §4.1), for tests and diagnostics.</summary>
    internal int DynamicTableSize => _dynamicTable.Size;

    /// <summary>The number of entries in the dynamic table, for tests and diagnostics.</summary>
    internal int DynamicTableCount => _dynamicTable.Count;

    /// <summary>
    /// Decodes one complete header block and appends its fields to <paramref name="headers"/> in order.
    /// </summary>
    /// <param name="block">
    /// The payloads of a HEADERS frame and its CONTINUATION frames, concatenated, with padding and priority fields
    /// already removed.
    /// </param>
    /// <param name="headers">
    /// Receives the fields; names and values are Latin-1, one char per byte, so no byte sequence is altered.
    /// </param>
    /// <exception cref="HpackException">
    /// The block is malformed or exceeds a limit. <paramref name="headers"/> is then left as it was, but the dynamic
    /// table may have changed: the connection must be closed with COMPRESSION_ERROR.
    /// </exception>
    public void Decode(ReadOnlySpan<byte> block, List<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var start = headers.Count;
        try
        {
            DecodeFields(block, headers);
        }
        catch (HpackException)
        {
            headers.RemoveRange(start, headers.Count - start);
            throw;
        }
    }

    /// <summary>The canonical Huffman code of a symbol (0–255, or 256 for EOS), right-aligned in the result.</summary>
    internal static (uint Code, int Length) GetHuffmanCode(int symbol) => Huffman.GetCode(symbol);

    private void DecodeFields(ReadOnlySpan<byte> block, List<KeyValuePair<string, string>> headers)
    {
        var position = 0;
        long listSize = 0;
        var fieldSeen = false;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                // §6.1 indexed header field: 1xxxxxxx, 7-bit index.
                var index = ReadInteger(block, ref position, 7);
                if (index == 0)
                {
                    throw new HpackException("An indexed header field has index 0, which RFC 7541 §6.1 forbids.");
                }

                var field = GetEntry(index);
                Append(headers, field.Key, field.Value, ref listSize);
                fieldSeen = true;
            }
            else if ((first & 0x40) != 0)
            {
                // §6.2.1 literal with incremental indexing: 01xxxxxx, 6-bit name index.
                var (name, value) = ReadLiteral(block, ref position, 6, listSize);
                Append(headers, name, value, ref listSize);
                _dynamicTable.Add(name, value);
                fieldSeen = true;
            }
            else if ((first & 0x20) != 0)
            {
                // §6.3 dynamic table size update: 001xxxxx, 5-bit size.
                if (fieldSeen)
                {
                    throw new HpackException(
                        "A dynamic table size update follows a header field; RFC 7541 §4.2 allows it only at the start of a header block.");
                }

                var size = ReadInteger(block, ref position, 5);
                if (size > _maxTableSize)
                {
                    throw new HpackException(
                        $"A dynamic table size update to {size} bytes exceeds the maximum of {_maxTableSize} bytes we advertised.");
                }

                _dynamicTable.SetCapacity(size);
            }
            else
            {
                // §6.2.2 literal without indexing (0000xxxx) and §6.2.3 never indexed (0001xxxx): 4-bit name index.
                // "Never indexed" only binds intermediaries that re-encode, which we never do.
                var (name, value) = ReadLiteral(block, ref position, 4, listSize);
                Append(headers, name, value, ref listSize);
                fieldSeen = true;
            }
        }
    }

    private void Append(List<KeyValuePair<string, string>> headers, string name, string value, ref long listSize)
    {
        listSize += (long)name.Length + value.Length + EntryOverhead;
        if (listSize > _maxHeaderListSize)
        {
            throw HeaderListTooLarge();
        }

        headers.Add(new KeyValuePair<string, string>(name, value));
    }

    private HpackException HeaderListTooLarge() =>
        new($"The header list exceeds the maximum size of {_maxHeaderListSize} bytes (name + value + 32 per field).");

    private (string Name, string Value) ReadLiteral(ReadOnlySpan<byte> block, ref int position, int prefixBits, long listSize)
    {
        var nameIndex = ReadInteger(block, ref position, prefixBits);
        var name = nameIndex == 0
            ? ReadString(block, ref position, "header name", listSize + EntryOverhead)
            : GetEntry(nameIndex).Key;
        var value = ReadString(block, ref position, "header value", listSize + EntryOverhead + name.Length);
        return (name, value);
    }

    private KeyValuePair<string, string> GetEntry(int index)
    {
        if (index <= StaticTable.Length)
        {
            return StaticTable[index - 1];
        }

        var dynamicIndex = index - StaticTable.Length - 1;
        if (dynamicIndex >= _dynamicTable.Count)
        {
            throw new HpackException(
                $"Header table index {index} is out of range: the static table has {StaticTable.Length} entries and the dynamic table {_dynamicTable.Count}.");
        }

        return _dynamicTable[dynamicIndex];
    }

    /// <summary>
    /// Reads a string literal (§5.2). <paramref name="committed"/> is the header list size already spoken for, so
    /// that an oversized string is refused before it is materialised.
    /// </summary>
    private string ReadString(ReadOnlySpan<byte> block, ref int position, string what, long committed)
    {
        if (position >= block.Length)
        {
            throw new HpackException($"The header block ends where the {what}'s string literal should start.");
        }

        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        if (length > block.Length - position)
        {
            throw new HpackException(
                $"The {what}'s string literal is truncated: it claims {length} bytes but only {block.Length - position} remain in the header block.");
        }

        var encoded = block.Slice(position, length);
        position += length;
        if (!huffman)
        {
            CheckFits(committed, length);
            return Encoding.Latin1.GetString(encoded);
        }

        // Each symbol takes at least 5 bits, which bounds the decoded length.
        var maxDecoded = (int)((long)length * 8 / Huffman.ShortestCodeLength);
        byte[]? rented = null;
        Span<byte> buffer = maxDecoded <= StackDecodeLimit
            ? stackalloc byte[StackDecodeLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxDecoded));
        try
        {
            var decodedLength = Huffman.Decode(encoded, buffer, what);
            CheckFits(committed, decodedLength);
            return Encoding.Latin1.GetString(buffer[..decodedLength]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void CheckFits(long committed, int length)
    {
        if (committed + length > _maxHeaderListSize)
        {
            throw HeaderListTooLarge();
        }
    }

    /// <summary>
    /// Reads an integer with an N-bit prefix (§5.1) starting at the representation's first byte, whose other bits the
    /// caller has already looked at.
    /// </summary>
    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var prefixMax = (1 << prefixBits) - 1;
        var value = block[position++] & prefixMax;
        if (value < prefixMax)
        {
            return value;
        }

        long result = value;
        for (var i = 0; i < MaxIntegerContinuationBytes; i++)
        {
            if (position >= block.Length)
            {
                throw new HpackException("The header block ends inside an integer.");
            }

            var b = block[position++];
            result += (long)(b & 0x7f) << (7 * i);
            if (result > int.MaxValue)
            {
                throw new HpackException("An integer in the header block overflows 32 bits.");
            }

            if ((b & 0x80) == 0)
            {
                return (int)result;
            }
        }

        throw new HpackException(
            $"An integer in the header block overflows: it has more than {MaxIntegerContinuationBytes} continuation bytes.");
    }

    /// <summary>
    /// The dynamic table (§2.3.2) as a ring buffer, newest entry first when indexed, so that insertion and eviction
    /// are O(1) and nothing is copied per field.
    /// </summary>
    private sealed class DynamicTable
    {
        /// <summary>No entry is smaller than its overhead, which bounds how many the largest table can hold.</summary>
        private readonly int _maxEntries;
        private KeyValuePair<string, string>[] _entries;
        private int _newest = -1;
        private int _capacity;

        public DynamicTable(int capacity)
        {
            _capacity = capacity;
            _maxEntries = capacity / EntryOverhead;

            // Grown on demand: a generous SETTINGS_HEADER_TABLE_SIZE should not cost memory until the peer uses it.
            _entries = new KeyValuePair<string, string>[Math.Min(_maxEntries, 16)];
        }

        public int Count { get; private set; }

        public int Size { get; private set; }

        /// <summary>Entry <paramref name="index"/>, 0 being the most recently added.</summary>
        public KeyValuePair<string, string> this[int index] =>
            _entries[(_newest - index + _entries.Length) % _entries.Length];

        public void SetCapacity(int capacity)
        {
            _capacity = capacity;
            EvictUntil(capacity);
        }

        public void Add(string name, string value)
        {
            var size = (long)name.Length + value.Length + EntryOverhead;
            if (size > _capacity)
            {
                // §4.4: an entry larger than the table empties it and is not added; not an error.
                EvictUntil(0);
                return;
            }

            EvictUntil(_capacity - (int)size);
            if (Count == _entries.Length)
            {
                Grow();
            }

            _newest = (_newest + 1) % _entries.Length;
            _entries[_newest] = new KeyValuePair<string, string>(name, value);
            Count++;
            Size += (int)size;
        }

        private void EvictUntil(int size)
        {
            while (Size > size)
            {
                var oldest = (_newest - Count + 1 + _entries.Length) % _entries.Length;
                var entry = _entries[oldest];
                Size -= entry.Key.Length + entry.Value.Length + EntryOverhead;
                _entries[oldest] = default;
                Count--;
            }
        }

        private void Grow()
        {
            var grown = new KeyValuePair<string, string>[Math.Max(Count + 1, Math.Min(_maxEntries, Math.Max(16, _entries.Length * 2)))];
            for (var i = 0; i < Count; i++)
            {
                grown[Count - 1 - i] = this[i];
            }

            _entries = grown;
            _newest = Count - 1;
        }
    }

    /// <summary>
    /// The HPACK Huffman code (Appendix B). The code is canonical, so the code lengths alone determine it; the codes
    /// are rebuilt from them once, and decoding walks a table-driven automaton four bits at a time.
    /// </summary>
    private static class Huffman
    {
        public const int ShortestCodeLength = 5;

        private const int Eos = 256;
        private const int SymbolCount = 257;

        // The automaton's states are the internal nodes of the code tree: a complete binary tree with 257 leaves has
        // 256 of them, so a state fits in a byte. A transition packs the next state (bits 0-7), the emitted symbol
        // (bits 8-15), and the flags below.
        private const int StateBits = 4;
        private const int EmitFlag = 1 << 16;
        private const int EosFlag = 1 << 17;

        /// <summary>Appendix B's code lengths for symbols 0–255, then EOS.</summary>
        private static ReadOnlySpan<byte> CodeLengths =>
        [
            13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
            28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
            6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
            5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
            13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
            7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
            15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
            6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
            20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
            24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
            22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
            21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
            26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
            19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
            20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
            26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
            30,
        ];

        private static readonly uint[] Codes = BuildCodes();

        private static readonly Automaton Decoder = Automaton.Build(Codes);

        public static (uint Code, int Length) GetCode(int symbol)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(symbol);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(symbol, Eos);
            return (Codes[symbol], CodeLengths[symbol]);
        }

        /// <summary>
        /// Decodes <paramref name="encoded"/> into <paramref name="output"/>, which must hold length × 8 / 5 bytes;
        /// returns the decoded length.
        /// </summary>
        public static int Decode(ReadOnlySpan<byte> encoded, Span<byte> output, string what)
        {
            var transitions = Decoder.Transitions;
            var state = 0;
            var count = 0;
            foreach (var b in encoded)
            {
                // No code is shorter than 5 bits, so a nibble completes at most one symbol.
                var t = transitions[(state << StateBits) | (b >> 4)];
                if ((t & (EmitFlag | EosFlag)) != 0)
                {
                    count = Emit(t, output, count, what);
                }

                t = transitions[((t & 0xff) << StateBits) | (b & 0x0f)];
                if ((t & (EmitFlag | EosFlag)) != 0)
                {
                    count = Emit(t, output, count, what);
                }

                state = t & 0xff;
            }

            // §5.2: whatever follows the last symbol is padding, which must be a strict prefix of EOS (all ones)
            // shorter than a byte; the root state means the string ended exactly on a symbol boundary.
            if (state != 0)
            {
                if (!Decoder.AllOnes[state])
                {
                    throw new HpackException(
                        $"The Huffman-coded {what} is corrupt: it ends with padding that is not all ones (the EOS prefix).");
                }

                if (Decoder.Depth[state] > 7)
                {
                    throw new HpackException(
                        $"The Huffman-coded {what} is corrupt: its padding is {Decoder.Depth[state]} bits, longer than 7 bits.");
                }
            }

            return count;
        }

        private static int Emit(int transition, Span<byte> output, int count, string what)
        {
            if ((transition & EosFlag) != 0)
            {
                throw new HpackException($"The Huffman-coded {what} contains the EOS symbol, which RFC 7541 §5.2 forbids.");
            }

            output[count] = (byte)(transition >> 8);
            return count + 1;
        }

        private static uint[] BuildCodes()
        {
            var symbols = new int[SymbolCount];
            for (var i = 0; i < symbols.Length; i++)
            {
                symbols[i] = i;
            }

            // Ordering by (length, symbol) and counting up is what makes the code canonical.
            Array.Sort(symbols, (x, y) => CodeLengths[x] != CodeLengths[y] ? CodeLengths[x].CompareTo(CodeLengths[y]) : x.CompareTo(y));

            var codes = new uint[SymbolCount];
            uint code = 0;
            var previousLength = (int)CodeLengths[symbols[0]];
            foreach (var symbol in symbols)
            {
                code <<= CodeLengths[symbol] - previousLength;
                previousLength = CodeLengths[symbol];
                codes[symbol] = code++;
            }

            return codes;
        }

        /// <summary>
        /// The decoding automaton: for each internal node of the code tree and each nibble, where the nibble leads and
        /// which symbol it completes on the way.
        /// </summary>
        private sealed class Automaton
        {
            private Automaton(int[] transitions, byte[] depth, bool[] allOnes)
            {
                Transitions = transitions;
                Depth = depth;
                AllOnes = allOnes;
            }

            public int[] Transitions { get; }

            /// <summary>How many bits lead from the root to the state: the padding length if the string ends there.</summary>
            public byte[] Depth { get; }

            /// <summary>Whether all the bits leading to the state are ones, as padding must be.</summary>
            public bool[] AllOnes { get; }

            public static Automaton Build(uint[] codes)
            {
                // Internal nodes are numbered in creation order (the root is 0, which no node has as a child, so 0 also
                // marks a child not yet created); node n's children are at 2n and 2n + 1, and a leaf is stored as ~symbol.
                var children = new int[(SymbolCount - 1) * 2];
                var depth = new byte[SymbolCount - 1];
                var allOnes = new bool[SymbolCount - 1];
                allOnes[0] = true;
                var nodeCount = 1;
                for (var symbol = 0; symbol < SymbolCount; symbol++)
                {
                    var length = CodeLengths[symbol];
                    var node = 0;
                    for (var bit = length - 1; bit > 0; bit--)
                    {
                        var branch = (int)(codes[symbol] >> bit) & 1;
                        if (children[(node * 2) + branch] == 0)
                        {
                            depth[nodeCount] = (byte)(depth[node] + 1);
                            allOnes[nodeCount] = allOnes[node] && branch == 1;
                            children[(node * 2) + branch] = nodeCount++;
                        }

                        node = children[(node * 2) + branch];
                    }

                    children[(node * 2) + (int)(codes[symbol] & 1)] = ~symbol;
                }

                // The code is complete (every bit string starts with some code), so the tree is full: 257 leaves hang
                // off exactly 256 internal nodes, each with two children.
                Debug.Assert(nodeCount == SymbolCount - 1 && !children.Contains(0), "The HPACK Huffman code must be complete.");

                var transitions = new int[(SymbolCount - 1) << StateBits];
                for (var state = 0; state < nodeCount; state++)
                {
                    for (var nibble = 0; nibble < 1 << StateBits; nibble++)
                    {
                        var node = state;
                        var flags = 0;
                        for (var bit = StateBits - 1; bit >= 0; bit--)
                        {
                            var next = children[(node * 2) + ((nibble >> bit) & 1)];
                            if (next >= 0)
                            {
                                node = next;
                                continue;
                            }

                            var symbol = ~next;
                            if (symbol == Eos)
                            {
                                // Once EOS is seen the string is rejected, so where the automaton goes next is moot.
                                flags = EosFlag;
                                node = 0;
                                break;
                            }

                            flags = EmitFlag | (symbol << 8);
                            node = 0;
                        }

                        transitions[(state << StateBits) | nibble] = flags | node;
                    }
                }

                return new Automaton(transitions, depth, allOnes);
            }
        }
    }
}
