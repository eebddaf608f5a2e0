using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// The vectorised end-of-object scan against the token-by-token one (and hand-counted cases): same length, same
/// "incomplete" (0) and "too deep" (-1) answers, for objects that put quotes, escapes and brackets across the 64-byte
/// block boundaries and for every prefix of them.
/// </summary>
public class StructuralScanTests
{
    [TestCase("""{}""", 2)]
    [TestCase("""{"a":"}"}""", 9)]
    [TestCase("""{"a":"\"}"} tail""", 11)]
    [TestCase("""{"a":"\\"}""", 10)]
    [TestCase("""{"a":[1,{"b":"]"}]}x""", 19)]
    [TestCase("""{"a":"x""", 0)]
    public void FindObjectEnd_HandCountedCases(string json, int expected)
    {
        // The same text padded past one 64-byte block, so both the block path and the tail path are exercised: the
        // insert is "pad": (7 bytes with the opening quote of the value), 70 spaces and the closing quote and comma (2).
        var padded = json.Insert(1, "\"pad\":\"" + new string(' ', 70) + "\",");
        var shift = expected == 0 ? 0 : 7 + 70 + 2;

        StructuralScan.FindObjectEnd(Encoding.UTF8.GetBytes(json), 64).Should().Be(expected);
        StructuralScan.FindObjectEnd(Encoding.UTF8.GetBytes(padded), 64).Should().Be(expected + shift);
    }

    [Test]
    public void FindObjectEnd_TooDeep_IsMinusOne()
    {
        var deep = new string('[', 100);
        var json = Encoding.UTF8.GetBytes("{\"a\":" + deep + new string(']', 100) + "}");

        StructuralScan.FindObjectEnd(json, 64).Should().Be(-1);
        StructuralScan.FindObjectEnd(json, 200).Should().Be(json.Length);
    }

    [Test]
    public void FindObjectEnd_RandomObjectsAndEveryPrefix_AgreeWithTheScalarScan()
    {
        var random = new Random(1128);
        for (var round = 0; round < 300; round++)
        {
            var json = Encoding.UTF8.GetBytes(RandomObject(random, 0) + " ,{\"next\":1}");
            for (var length = 1; length <= json.Length; length += 1 + random.Next(3))
            {
                var span = json.AsSpan(0, length);
                foreach (var maxDepth in new[] { 2, 3, 5, 8 })
                {
                    // Limits the objects reach and exceed, in blocks counted whole and in blocks walked bracket by bracket.
                    StructuralScan.FindObjectEnd(span, maxDepth).Should().Be(JsonArrayStreamReader<object>.ScanObjectScalar(span, maxDepth), $"{maxDepth}: {Encoding.UTF8.GetString(span)}");
                }
            }
        }
    }

    [Test]
    public void FindObjectEnd_LongTaskWithoutEscapes_AgreesWithTheScalarScanAtEveryPrefixAndLimit()
    {
        // Blocks without backslashes deep inside a task are counted whole when the depth cannot reach zero or the limit
        // within them: prefixes end in every block, and limits around the task's own depth (6) make blocks go either way.
        var result = """{"value":{"x":26.8,"y":69.3,"rectanglelabels":["Car"]},"id":"a","meta":{"text":[["{"],[]]},"to_name":"image"}""";
        var json = Encoding.UTF8.GetBytes("""{"id":1,"annotations":[{"result":[""" + string.Join(",", Enumerable.Repeat(result, 30)) + """]}],"data":{"a":[]}} ,{"next":1}""");
        for (var maxDepth = 3; maxDepth <= 9; maxDepth++)
        {
            for (var length = 1; length <= json.Length; length++)
            {
                var span = json.AsSpan(0, length);
                StructuralScan.FindObjectEnd(span, maxDepth).Should().Be(JsonArrayStreamReader<object>.ScanObjectScalar(span, maxDepth), $"{maxDepth}, {length}");
            }
        }

        StructuralScan.FindObjectEnd(json, 64).Should().Be(json.Length - """ ,{"next":1}""".Length);
    }

    // Strings full of what confuses a scanner: escaped quotes and backslashes, brackets, and runs that move the next
    // token across a block boundary.
    private static string RandomObject(Random random, int depth)
    {
        var builder = new StringBuilder("{");
        var members = random.Next(0, 5);
        for (var i = 0; i < members; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append('"').Append(RandomText(random)).Append("\":");
            builder.Append(RandomValue(random, depth));
        }

        return builder.Append('}').ToString();
    }

    private static string RandomValue(Random random, int depth) => random.Next(depth > 4 ? 3 : 5) switch
    {
        0 => "\"" + RandomText(random) + "\"",
        1 => random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "true",
        3 => RandomObject(random, depth + 1),
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))) + "]",
    };

    private static string RandomText(Random random)
    {
        string[] pieces = ["a", "\\\"", "\\\\", "{", "}", "[", "]", " ", "\\n", "é", new string('x', random.Next(70))];
        return string.Concat(Enumerable.Range(0, random.Next(8)).Select(_ => pieces[random.Next(pieces.Length)]));
    }
}
