using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// The vectorised end-of-object scan against the token-by-token one (and hand-counted cases): same length, same
/// "incomplete" (0) and "too deep" (-1) answers, for objects that put quotes, escapes and brackets across the 64-byte
/// block boundaries and for every prefix of them. Each fixture runs one block width, whatever the machine has (a width
/// it lacks is emulated): the 32-byte path of AVX2 machines, the 16-byte path of the others, and the byte-by-byte
/// classification.
/// </summary>
[TestFixture(nameof(ScanWidth.Vector256))]
[TestFixture(nameof(ScanWidth.Vector128))]
[TestFixture(nameof(ScanWidth.Scalar))]
public class StructuralScanTests(string widthName)
{
    private readonly ScanWidth _width = Enum.Parse<ScanWidth>(widthName);

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

        FindObjectEnd(Encoding.UTF8.GetBytes(json), 64).Should().Be(expected);
        FindObjectEnd(Encoding.UTF8.GetBytes(padded), 64).Should().Be(expected + shift);
    }

    [Test]
    public void FindObjectEnd_TooDeep_IsMinusOne()
    {
        var deep = new string('[', 100);
        var json = Encoding.UTF8.GetBytes("{\"a\":" + deep + new string(']', 100) + "}");

        FindObjectEnd(json, 64).Should().Be(-1);
        FindObjectEnd(json, 200).Should().Be(json.Length);
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
                    FindObjectEnd(span, maxDepth).Should().Be(JsonArrayStreamReader<object>.ScanObjectScalar(span, maxDepth), $"{maxDepth}: {Encoding.UTF8.GetString(span)}");
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
                FindObjectEnd(span, maxDepth).Should().Be(JsonArrayStreamReader<object>.ScanObjectScalar(span, maxDepth), $"{maxDepth}, {length}");
            }
        }

        FindObjectEnd(json, 64).Should().Be(json.Length - """ ,{"next":1}""".Length);
    }

    [Test]
    public void FindObjectEnd_FixtureTasksAndTheirVariants_AgreeWithTheScalarScan()
    {
        // Real tasks (the ones the fast reader's tests read), then each with structural bytes inserted, replaced or
        // removed: quotes and escapes that flip "inside a string" for the rest of the task, brackets that move its end.
        var random = new Random(20261128);
        string[] edits = ["\"", "\\", "{", "}", "[", "]", "\\\"", "\\\\"];
        var tasks = FastTaskReaderTests.FixtureTaskFiles().SelectMany(file => FastReaderOracle.TaskElements(Fixtures.Path(file))).ToList();
        tasks.Should().HaveCountGreaterThan(20);
        foreach (var task in tasks)
        {
            for (var variant = 0; variant < 6; variant++)
            {
                var bytes = new List<byte>(task);
                for (var e = 0; e < variant; e++)
                {
                    var at = random.Next(1, bytes.Count);
                    if (random.Next(3) == 0)
                    {
                        bytes.RemoveAt(at);
                    }
                    else
                    {
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes(edits[random.Next(edits.Length)]));
                    }
                }

                var json = bytes.Concat(" ,{\"next\":1}"u8.ToArray()).ToArray();
                foreach (var maxDepth in new[] { 4, 8, 64 })
                {
                    FindObjectEnd(json, maxDepth).Should().Be(JsonArrayStreamReader<object>.ScanObjectScalar(json, maxDepth), $"{maxDepth}: {Encoding.UTF8.GetString(json)}");
                }
            }
        }
    }

    [Test]
    public void FindObjectEnd_MachineEntryPoint_SameAsThisWidth()
    {
        // The entry point the reader calls picks the widest width the machine has: every width must give its answers.
        var json = Encoding.UTF8.GetBytes("""{"a":"\"}","b":[{"c":"[x]"}]}""" + new string(' ', 100) + "}");

        FindObjectEnd(json, 64).Should().Be(StructuralScan.FindObjectEnd(json, 64));
        FindObjectEnd(json, 2).Should().Be(StructuralScan.FindObjectEnd(json, 2));
    }

    private int FindObjectEnd(ReadOnlySpan<byte> span, int maxDepth) => StructuralScan.FindObjectEnd(span, maxDepth, _width);

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
