using System.Text;
using FabricEvidence.Chaincode.Internal.Transport;

namespace FabricEvidence.Chaincode.Tests.Transport;

public sealed class HpackDecoderTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    private static List<KeyValuePair<string, string>> Decode(HpackDecoder decoder, string hex)
    {
        var headers = new List<KeyValuePair<string, string>>();
        decoder.Decode(Hex(hex), headers);
        return headers;
    }

    private static HpackException Fails(string hex, HpackDecoder? decoder = null) =>
        Assert.Throws<HpackException>(() => Decode(decoder ?? new HpackDecoder(), hex));

    // RFC 7541 Appendix C.2: one field of each literal kind and an indexed one, each into a fresh table.

    [Fact]
    public void C_2_1_literal_with_indexing_adds_the_field_to_the_dynamic_table()
    {
        var decoder = new HpackDecoder();

        var headers = Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");

        Assert.Equal([H("custom-key", "custom-header")], headers);
        Assert.Equal(55, decoder.DynamicTableSize);
        Assert.Equal([H("custom-key", "custom-header")], Decode(decoder, "be"));
    }

    [Fact]
    public void C_2_2_literal_without_indexing_takes_its_name_from_the_static_table_and_leaves_the_table_empty()
    {
        var decoder = new HpackDecoder();

        var headers = Decode(decoder, "040c 2f73 616d 706c 652f 7061 7468");

        Assert.Equal([H(":path", "/sample/path")], headers);
        Assert.Equal(0, decoder.DynamicTableSize);
    }

    [Fact]
    public void C_2_3_never_indexed_literal_with_a_new_name_is_decoded_and_not_added()
    {
        var decoder = new HpackDecoder();

        var headers = Decode(decoder, "1008 7061 7373 776f 7264 0673 6563 7265 74");

        Assert.Equal([H("password", "secret")], headers);
        Assert.Equal(0, decoder.DynamicTableCount);
    }

    [Fact]
    public void C_2_4_indexed_field_comes_from_the_static_table()
    {
        var decoder = new HpackDecoder();

        Assert.Equal([H(":method", "GET")], Decode(decoder, "82"));
        Assert.Equal(0, decoder.DynamicTableSize);
    }

    // RFC 7541 Appendix C.3 and C.4: three requests on one connection, the later ones indexing what the first added.

    private static readonly KeyValuePair<string, string>[] Request1 =
        [H(":method", "GET"), H(":scheme", "http"), H(":path", "/"), H(":authority", "www.example.com")];

    private static readonly KeyValuePair<string, string>[] Request2 = [.. Request1, H("cache-control", "no-cache")];

    private static readonly KeyValuePair<string, string>[] Request3 =
    [
        H(":method", "GET"), H(":scheme", "https"), H(":path", "/index.html"), H(":authority", "www.example.com"),
        H("custom-key", "custom-value"),
    ];

    [Fact]
    public void C_3_requests_without_Huffman_share_the_dynamic_table_across_blocks()
    {
        var decoder = new HpackDecoder();

        Assert.Equal(Request1, Decode(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        Assert.Equal(57, decoder.DynamicTableSize);
        Assert.Equal(Request2, Decode(decoder, "8286 84be 5808 6e6f 2d63 6163 6865"));
        Assert.Equal(110, decoder.DynamicTableSize);
        Assert.Equal(Request3, Decode(decoder, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
        Assert.Equal(164, decoder.DynamicTableSize);
        Assert.Equal(
            [H("custom-key", "custom-value"), H("cache-control", "no-cache"), H(":authority", "www.example.com")],
            Decode(decoder, "bebf c0"));
    }

    [Fact]
    public void C_4_requests_with_Huffman_share_the_dynamic_table_across_blocks()
    {
        var decoder = new HpackDecoder();

        Assert.Equal(Request1, Decode(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"));
        Assert.Equal(57, decoder.DynamicTableSize);
        Assert.Equal(Request2, Decode(decoder, "8286 84be 5886 a8eb 1064 9cbf"));
        Assert.Equal(110, decoder.DynamicTableSize);
        Assert.Equal(Request3, Decode(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"));
        Assert.Equal(164, decoder.DynamicTableSize);
        Assert.Equal(3, decoder.DynamicTableCount);
    }

    // RFC 7541 Appendix C.5 and C.6: three responses into a 256-byte table, which forces evictions.

    private const string Date1 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private const string Date2 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private const string Location = "https://www.example.com";
    private const string Cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    private static readonly KeyValuePair<string, string>[] Response1 =
        [H(":status", "302"), H("cache-control", "private"), H("date", Date1), H("location", Location)];

    private static readonly KeyValuePair<string, string>[] Response2 =
        [H(":status", "307"), H("cache-control", "private"), H("date", Date1), H("location", Location)];

    private static readonly KeyValuePair<string, string>[] Response3 =
    [
        H(":status", "200"), H("cache-control", "private"), H("date", Date2), H("location", Location),
        H("content-encoding", "gzip"), H("set-cookie", Cookie),
    ];

    [Theory]
    [InlineData(
        "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 "
        + "3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
        "4803 3330 37c1 c0bf",
        "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 "
        + "7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 "
        + "6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31")]
    [InlineData(
        "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad "
        + "1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
        "4883 640e ffc1 c0bf",
        "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 "
        + "e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07")]
    public void C_5_and_C_6_responses_evict_the_oldest_entries_from_a_256_byte_table(string first, string second, string third)
    {
        var decoder = new HpackDecoder(maxTableSize: 256);

        Assert.Equal(Response1, Decode(decoder, first));
        Assert.Equal(222, decoder.DynamicTableSize);
        Assert.Equal(4, decoder.DynamicTableCount);

        // Adding ":status: 307" (42 bytes) to 222 evicts the oldest entry, ":status: 302".
        Assert.Equal(Response2, Decode(decoder, second));
        Assert.Equal(222, decoder.DynamicTableSize);
        Assert.Equal(4, decoder.DynamicTableCount);

        Assert.Equal(Response3, Decode(decoder, third));
        Assert.Equal(215, decoder.DynamicTableSize);
        Assert.Equal(3, decoder.DynamicTableCount);
        Assert.Equal([H("set-cookie", Cookie), H("content-encoding", "gzip"), H("date", Date2)], Decode(decoder, "bebf c0"));
        Assert.Contains("out of range", Fails("c1", decoder).Message, StringComparison.Ordinal);
    }

    // RFC 7541 C.1: integers with a prefix; a size update is an integer we can observe through its limit.

    [Fact]
    public void C_1_2_integer_1337_with_a_5_bit_prefix_decodes_as_1337()
    {
        var exactly = new HpackDecoder(maxTableSize: 1337);
        var oneLess = new HpackDecoder(maxTableSize: 1336);

        Assert.Empty(Decode(exactly, "3f9a 0a"));
        Assert.Contains("1337", Fails("3f9a 0a", oneLess).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexes_1_to_61_are_RFC_7541_Appendix_A_static_table()
    {
        string[] expected =
        [
            ":authority:", ":method:GET", ":method:POST", ":path:/", ":path:/index.html", ":scheme:http",
            ":scheme:https", ":status:200", ":status:204", ":status:206", ":status:304", ":status:400", ":status:404",
            ":status:500", "accept-charset:", "accept-encoding:gzip, deflate", "accept-language:", "accept-ranges:",
            "accept:", "access-control-allow-origin:", "age:", "allow:", "authorization:", "cache-control:",
            "content-disposition:", "content-encoding:", "content-language:", "content-length:", "content-location:",
            "content-range:", "content-type:", "cookie:", "date:", "etag:", "expect:", "expires:", "from:", "host:",
            "if-match:", "if-modified-since:", "if-none-match:", "if-range:", "if-unmodified-since:", "last-modified:",
            "link:", "location:", "max-forwards:", "proxy-authenticate:", "proxy-authorization:", "range:", "referer:",
            "refresh:", "retry-after:", "server:", "set-cookie:", "strict-transport-security:", "transfer-encoding:",
            "user-agent:", "vary:", "via:", "www-authenticate:",
        ];
        var block = Enumerable.Range(1, 61).Select(index => (byte)(0x80 | index)).ToArray();
        var headers = new List<KeyValuePair<string, string>>();

        new HpackDecoder().Decode(block, headers);

        Assert.Equal(expected, headers.Select(field => field.Key + ":" + field.Value));
    }

    [Fact]
    public void Size_update_to_zero_evicts_everything_and_later_updates_may_grow_the_table_again()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");

        // Two updates at the start of one block (shrink to 0, then back to 4096) are allowed by RFC 7541 §4.2.
        var headers = Decode(decoder, "203f e11f 4001 6101 62");

        Assert.Equal([H("a", "b")], headers);
        Assert.Equal(1, decoder.DynamicTableCount);
        Assert.Equal([H("a", "b")], Decode(decoder, "be"));
        Assert.Contains("out of range", Fails("bf", decoder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_larger_than_the_whole_table_empties_it_without_an_error()
    {
        var decoder = new HpackDecoder(maxTableSize: 40);
        Decode(decoder, "4001 6101 62");
        Assert.Equal(34, decoder.DynamicTableSize);

        // 32 + 1 + 8 = 41 bytes: too big for a 40-byte table.
        var headers = Decode(decoder, "4001 6108 3132 3334 3536 3738");

        Assert.Equal([H("a", "12345678")], headers);
        Assert.Equal(0, decoder.DynamicTableCount);
        Assert.Equal(0, decoder.DynamicTableSize);
    }

    [Fact]
    public void A_table_of_size_zero_never_holds_an_entry()
    {
        var decoder = new HpackDecoder(maxTableSize: 0);

        Assert.Equal([H("a", "b")], Decode(decoder, "4001 6101 62"));
        Assert.Equal(0, decoder.DynamicTableCount);
        Assert.Contains("out of range", Fails("be", decoder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_small_entries_fill_the_table_in_order_and_the_oldest_leave_first()
    {
        var decoder = new HpackDecoder();
        for (var i = 0; i < 200; i++)
        {
            var value = i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            decoder.Decode([0x40, 0x01, (byte)'k', 0x03, (byte)value[0], (byte)value[1], (byte)value[2]], []);
        }

        // Each entry is 32 + 1 + 3 = 36 bytes, so 4096 bytes hold the newest 113.
        Assert.Equal(113, decoder.DynamicTableCount);
        Assert.Equal(113 * 36, decoder.DynamicTableSize);
        // Index 62 is the newest ("199"); the oldest left, "087", is 62 + 112 = 174 = 127 + 0x2f.
        Assert.Equal([H("k", "199"), H("k", "198"), H("k", "087")], Decode(decoder, "be bf ff 2f"));
        Assert.Contains("index 175 is out of range", Fails("ff 30", decoder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_are_appended_after_what_the_list_already_holds()
    {
        var headers = new List<KeyValuePair<string, string>> { H("existing", "1") };

        new HpackDecoder().Decode(Hex("8286"), headers);

        Assert.Equal([H("existing", "1"), H(":method", "GET"), H(":scheme", "http")], headers);
    }

    [Fact]
    public void A_failed_block_leaves_the_list_as_it_was()
    {
        var headers = new List<KeyValuePair<string, string>> { H("existing", "1") };

        Assert.Throws<HpackException>(() => new HpackDecoder().Decode(Hex("8286 80"), headers));

        Assert.Equal([H("existing", "1")], headers);
    }

    [Fact]
    public void An_empty_block_decodes_to_no_fields()
    {
        Assert.Empty(Decode(new HpackDecoder(), ""));
    }

    [Fact]
    public void Bytes_above_0x7F_decode_as_Latin_1_one_char_per_byte()
    {
        var headers = Decode(new HpackDecoder(), "0002 e9ff 0380 00a0");

        Assert.Equal([H("\u00e9\u00ff", "\u0080\u0000\u00a0")], headers);
    }

    [Fact]
    public void An_empty_Huffman_string_is_an_empty_string()
    {
        Assert.Equal([H("a", "")], Decode(new HpackDecoder(), "0001 6180"));
    }

    [Fact]
    public void Huffman_strings_longer_than_the_stack_buffer_decode_too()
    {
        var value = new string('z', 1000) + new string('\u00ff', 300);
        var block = new List<byte> { 0x00 };
        WriteString(block, "x"u8.ToArray(), huffman: true);
        WriteString(block, Encoding.Latin1.GetBytes(value), huffman: true);

        var headers = new List<KeyValuePair<string, string>>();
        new HpackDecoder().Decode(block.ToArray(), headers);

        Assert.Equal([H("x", value)], headers);
    }

    // The canonical Huffman code rebuilt from the code lengths must be Appendix B's code.

    [Theory]
    [InlineData(0, 0x1ff8u, 13)]
    [InlineData('0', 0x0u, 5)]
    [InlineData('a', 0x3u, 5)]
    [InlineData(' ', 0x14u, 6)]
    [InlineData('z', 0x7bu, 7)]
    [InlineData(255, 0x3ffffeeu, 26)]
    [InlineData(256, 0x3fffffffu, 30)]
    public void Canonical_Huffman_code_of_a_symbol_matches_RFC_7541_Appendix_B(int symbol, uint code, int length)
    {
        Assert.Equal((code, length), HpackDecoder.GetHuffmanCode(symbol));
    }

    [Fact]
    public void The_test_Huffman_encoder_reproduces_the_RFC_encoding_of_www_example_com()
    {
        Assert.Equal(Hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff"), HuffmanEncode("www.example.com"u8));
    }

    [Fact]
    public void Huffman_codes_are_prefix_free()
    {
        var codes = Enumerable.Range(0, 257).Select(HpackDecoder.GetHuffmanCode).ToArray();
        for (var i = 0; i < codes.Length; i++)
        {
            for (var j = 0; j < codes.Length; j++)
            {
                if (i != j && codes[i].Length <= codes[j].Length)
                {
                    Assert.NotEqual(codes[i].Code, codes[j].Code >> (codes[j].Length - codes[i].Length));
                }
            }
        }
    }

    // Errors: each is a COMPRESSION_ERROR with a message that says what was wrong.

    [Theory]
    [InlineData("80", "index 0")]
    [InlineData("be", "index 62 is out of range")]
    [InlineData("ff 00", "index 127 is out of range")]
    [InlineData("0f 2f 01 61", "index 62 is out of range")]
    [InlineData("3fe2 1f", "exceeds the maximum of 4096")]
    [InlineData("82 20", "only at the start of a header block")]
    [InlineData("ff", "ends inside an integer")]
    [InlineData("ff 80 80", "ends inside an integer")]
    [InlineData("ff ff ff ff ff 0f", "overflows 32 bits")]
    [InlineData("ff 80 80 80 80 80 00", "more than 5 continuation bytes")]
    [InlineData("00 03 61 62", "header name's string literal is truncated: it claims 3 bytes but only 2 remain")]
    [InlineData("00 01 61", "ends where the header value's string literal should start")]
    [InlineData("00 7f", "ends inside an integer")]
    [InlineData("00 7f ff ff ff 07 61", "truncated")]
    [InlineData("00 01 61 82 1f ff", "longer than 7 bits")]
    [InlineData("00 01 61 81 ff", "longer than 7 bits")]
    [InlineData("00 01 61 81 1e", "not all ones")]
    [InlineData("00 01 61 81 00", "not all ones")]
    [InlineData("00 01 61 85 1f ff ff ff ff", "EOS symbol")]
    [InlineData("00 01 61 84 ff ff ff fc", "EOS symbol")]
    public void A_malformed_block_throws_HpackException_naming_the_problem(string hex, string expected)
    {
        var exception = Fails(hex);

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_list_of_exactly_the_maximum_size_is_accepted_and_one_byte_more_is_not()
    {
        // "a: bcd" is 1 + 3 + 32 = 36 bytes.
        Assert.Equal([H("a", "bcd")], Decode(new HpackDecoder(maxHeaderListSize: 36), "0001 6103 6263 64"));

        var exception = Fails("0001 6104 6263 6465", new HpackDecoder(maxHeaderListSize: 36));

        Assert.Contains("exceeds the maximum size of 36 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_list_limit_counts_indexed_and_Huffman_fields_across_the_block()
    {
        // ":method: GET" is 7 + 3 + 32 = 42 bytes; two of them are 84.
        Assert.Equal(2, Decode(new HpackDecoder(maxHeaderListSize: 84), "8282").Count);
        Assert.Contains("exceeds the maximum size", Fails("8282", new HpackDecoder(maxHeaderListSize: 83)).Message, StringComparison.Ordinal);
        Assert.Contains("exceeds the maximum size", Fails("8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", new HpackDecoder(maxHeaderListSize: 70)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_list_limit_applies_to_each_block_not_to_the_connection()
    {
        var decoder = new HpackDecoder(maxHeaderListSize: 42);
        var headers = new List<KeyValuePair<string, string>>();

        decoder.Decode(Hex("82"), headers);
        decoder.Decode(Hex("82"), headers);

        Assert.Equal(2, headers.Count);
    }

    // Round trip against a small test encoder: literals without indexing or never indexed, raw or Huffman-coded.

    [Fact]
    public void Random_header_lists_survive_encoding_and_decoding()
    {
        var random = new Random(7541);
        var decoder = new HpackDecoder(maxHeaderListSize: int.MaxValue);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var expected = new List<KeyValuePair<string, string>>();
            var block = new List<byte>();
            for (var field = random.Next(0, 8); field > 0; field--)
            {
                var name = RandomLatin1(random);
                var value = RandomLatin1(random);
                expected.Add(H(name, value));
                WriteInteger(block, random.Next(2) == 0 ? (byte)0x00 : (byte)0x10, 4, 0);
                WriteString(block, Encoding.Latin1.GetBytes(name), huffman: random.Next(2) == 0);
                WriteString(block, Encoding.Latin1.GetBytes(value), huffman: random.Next(2) == 0);
            }

            var actual = new List<KeyValuePair<string, string>>();
            decoder.Decode(block.ToArray(), actual);

            Assert.Equal(expected, actual);
        }

        Assert.Equal(0, decoder.DynamicTableCount);
    }

    private static string RandomLatin1(Random random)
    {
        // Mostly short, sometimes long enough for multi-byte length prefixes and the rented decode buffer.
        var length = random.Next(10) == 0 ? random.Next(100, 600) : random.Next(0, 20);
        var chars = new char[length];
        var textOnly = random.Next(2) == 0;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = textOnly ? (char)random.Next(0x20, 0x7f) : (char)random.Next(0, 256);
        }

        return new string(chars);
    }

    private static void WriteInteger(List<byte> output, byte flags, int prefixBits, int value)
    {
        var prefixMax = (1 << prefixBits) - 1;
        if (value < prefixMax)
        {
            output.Add((byte)(flags | value));
            return;
        }

        output.Add((byte)(flags | prefixMax));
        value -= prefixMax;
        while (value >= 0x80)
        {
            output.Add((byte)(0x80 | (value & 0x7f)));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static void WriteString(List<byte> output, byte[] bytes, bool huffman)
    {
        if (!huffman)
        {
            WriteInteger(output, 0x00, 7, bytes.Length);
            output.AddRange(bytes);
            return;
        }

        var encoded = HuffmanEncode(bytes);
        WriteInteger(output, 0x80, 7, encoded.Length);
        output.AddRange(encoded);
    }

    private static byte[] HuffmanEncode(ReadOnlySpan<byte> bytes)
    {
        var output = new List<byte>();
        ulong pending = 0;
        var pendingBits = 0;
        foreach (var b in bytes)
        {
            var (code, length) = HpackDecoder.GetHuffmanCode(b);
            pending = (pending << length) | code;
            pendingBits += length;
            while (pendingBits >= 8)
            {
                pendingBits -= 8;
                output.Add((byte)(pending >> pendingBits));
            }
        }

        if (pendingBits > 0)
        {
            // Pad with the most significant bits of EOS, which are all ones.
            output.Add((byte)((pending << (8 - pendingBits)) | (0xffu >> pendingBits)));
        }

        return [.. output];
    }
}
