using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// Seeded, deterministic variants of a hand-written task covering every member the fast reader reads itself, and of the
/// fixture tasks: edge numbers and strings in every hot member, escapes, invalid UTF-8, control characters, duplicated
/// members, trailing commas, comments, whitespace, nesting around the limit, and random byte edits. For each variant:
/// if the fast reader accepts, the exact reader succeeds with the identical task (<see cref="FastReaderOracle"/>).
/// </summary>
public class FastTaskReaderMutationTests
{
    // Stands for the two bytes C3 28 (a lead byte followed by a non-continuation: invalid UTF-8) once encoded.
    private const char InvalidUtf8 = '\uFFFF';

    private static readonly SkippedTaskMembers[] SkipCombinations = SkipSets.Combinations;

    // Every hot member of the task, annotation, result and value objects, with a placeholder for its value:
    // $I integer, $D double, $S string, $B boolean, $T timestamp, $N nesting.
    private const string Template = """
        {"id":$I,"data":{"image":$S,"n":$D},"meta":{"k":$S},"annotations":[{"id":$I,"completed_by":$I,"result":[
        {"original_width":$I,"original_height":$I,"image_rotation":$D,"value":{"x":$D,"y":$D,"width":$D,"height":$D,"rotation":$D,"rectanglelabels":[$S]},"id":$S,"from_name":$S,"to_name":$S,"type":"rectanglelabels","origin":$S,"score":$D,"readonly":$B,"hidden":$B},
        {"value":{"points":[[$D,$D],[$D,$D],[$D,$D]],"closed":$B,"polygonlabels":[$S]},"id":$S,"from_name":"poly","to_name":"image","type":"polygonlabels"},
        {"id":"k1","type":"keypointlabels","value":{"x":$D,"y":$D,"width":$D,"keypointlabels":[$S]},"from_name":"kp","to_name":"image","parentID":$S},
        {"id":"c1","type":"choices","value":{"choices":[$S,$S]},"from_name":"c","to_name":"t"},
        {"id":"l1","type":"labels","value":{"start":$I,"end":$I,"text":$S,"labels":[$S]},"from_name":"l","to_name":"t"},
        {"id":"rel","type":"relation","from_id":$S,"to_id":$S,"direction":$S,"labels":[$S]},
        {"id":"m","type":$S,"value":{"text":[$S]},"meta":{"lead_time":$D},"from_name":"ta","to_name":"t","extra_member":$N}
        ],"was_cancelled":$B,"ground_truth":$B,"created_at":$T,"updated_at":$T,"draft_created_at":$T,"lead_time":$D,"prediction":{},"result_count":$I,"unique_id":$S,"import_id":$I,"last_action":$S,"bulk_created":$B,"task":$I,"project":$I,"updated_by":$I,"parent_prediction":$I,"parent_annotation":$I,"last_created_by":$I,"created_username":$S,"created_ago":$S,"state":$S,"unknown":[$S,$D]}],
        "predictions":[{"id":$I,"result":[{"id":"p","type":"rectanglelabels","value":{"x":$D,"y":$D,"width":$D,"height":$D,"rectanglelabels":[$S]},"from_name":"label","to_name":"image"}],"score":$D,"model_version":$S,"deep":$N,"model":{},"model_run":$I,"cluster":null,"neighbors":$N,"mislabeling":$D,"created_at":$T,"updated_at":$T,"task":$I,"project":$I,"created_ago":$S},$I],
        "drafts":[],"created_at":$T,"updated_at":$T,"inner_id":$I,"total_annotations":$I,"cancelled_annotations":$I,"total_predictions":$I,"comment_count":$I,"unresolved_comment_count":$I,"last_comment_updated_at":$T,"project":$I,"updated_by":$I,"file_upload":$S,"comment_authors":[],"agreement":$D,"is_labeled":$B,"overlap":$I,"custom":$N}
        """;

    private static readonly string[] Integers =
        ["0", "-0", "42", "2147483647", "-2147483648", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678",
         "1234567890123456789", "1.0", "1e3", "1E+2", "00", "01", "+1", "-", "1.", ".5", "null", "\"5\"", "true", "{}", "[]"];

    private static readonly string[] Doubles =
        ["0", "-0", "-0.0", "26.827389647638", "1e400", "-1e400", "1e-400", "1E+2", "1e-7", "-1.5E-7", "1.", ".5", "+1", "00", "0.1", "2",
         "9007199254740993", "9007199254740992.5", "123456789012345678901234", "3.14159265358979323846264338327950288", "0.1000000000000000055511151231257827",
         "1.7976931348623157e308", "4.9e-324", "12345678901234567890.5", "null", "\"1\"", "true", "[]", "1e", "1e+", "-a"];

    private static readonly string[] Strings =
        ["\"abc\"", "\"Car\"", "\"a\\\"b\"", "\"a\\\\b\"", "\"\\u00e9t\\u00E9\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"", "\"\\x\"",
         "\"\\u12\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"é✓😀\"", "\"a\u0001b\"", "\"a\tb\"", "\"a\u007fb\"", $"\"a{InvalidUtf8}\"", "\"\"", "null", "1", "[]", "{}",
         "\"" + new string('L', 70) + "\"", "\"" + new string('é', 40) + "\"", "\"rectanglelabels\"", "\"choices\"", "\"textarea\"", "\"unterminated"];

    private static readonly string[] Booleans = ["true", "false", "null", "tru", "nul", "fals", "1", "\"true\"", "TRUE", "truex"];

    private static readonly string[] Timestamps =
        ["\"2024-03-01T09:05:37.000000Z\"", "\"2024-03-01T09:05:37\"", "\"2024-03-01T09:05:37.123+02:00\"", "\"2024-03-01\"", "null", "\"not a date\"", "5",
         "\"2024-13-01T00:00:00Z\"", "\"2024-03-01T09:05:37.000000\\u005a\""];

    // Snippets inserted just after an opening brace: duplicated and mistyped members, escaped names.
    private static readonly string[] MemberSnippets =
        ["\"id\":3,", "\"x\":1.5,", "\"type\":\"choices\",", "\"type\":5,", "\"value\":null,", "\"value\":{\"choices\":[\"A\"]},", "\"unknown\":1,", "\"result\":[],",
         "\"result\":null,", "\"data\":{},", "\"\\u0069d\":1,", "\"predictions\":[],", "\"drafts\":[],", "\"annotations\":[],", "\"choices\":null,", "\"points\":[[1,2,3]],",
         "\"rectanglelabels\":null,", "\"meta\":null,", "\"labels\":[null],", "\"é\":1,", "\"a\\\"b\":2,"];

    private static readonly string[] ByteSnippets =
        ["{", "}", "[", "]", "\"", ",", ":", "\\", " ", "\t", "\r\n", "0", "-", ".", "e", "1", "n", "t", "/*c*/", "//c\n", "\u0001", "é"];

    [Test]
    public void TryRead_TemplateVariants_AcceptedOnlyWhenIdenticalToTheExactReader()
    {
        var random = new Random(20261128);
        var counts = new Dictionary<FastReaderOracle.Outcome, int>();
        for (var i = 0; i < 3000; i++)
        {
            var text = Fill(random, Template.ReplaceLineEndings(random.Next(4) == 0 ? "\n" : string.Empty));
            var bytes = Encode(text);
            bytes = Mutate(random, bytes, random.Next(3) == 0 ? random.Next(1, 3) : 0);
            var maxDepth = random.Next(3) == 0 ? random.Next(6, 12) : 63;
            var skipped = SkipCombinations[random.Next(SkipCombinations.Length)];
            var outcome = FastReaderOracle.Check(bytes, skipped, maxDepth, $"variant {i}, depth {maxDepth}, {skipped}: {Encoding.UTF8.GetString(bytes)}");
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        // Not vacuous: plenty of variants read and of variants rejected; giving up on a readable one is rarer (duplicates,
        // escaped names, integers written 1.0).
        var summary = string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
        counts.GetValueOrDefault(FastReaderOracle.Outcome.Accepted).Should().BeGreaterThan(300, summary);
        counts.GetValueOrDefault(FastReaderOracle.Outcome.GaveUp).Should().BeGreaterThan(0, summary);
        counts.GetValueOrDefault(FastReaderOracle.Outcome.BothFailed).Should().BeGreaterThan(300, summary);
    }

    [Test]
    public void TryRead_FixtureTaskVariants_AcceptedOnlyWhenIdenticalToTheExactReader()
    {
        var random = new Random(7);
        var tasks = FastTaskReaderTests.FixtureTaskFiles()
            .SelectMany(file => FastReaderOracle.TaskElements(Fixtures.Path(file)).Take(3))
            .ToList();
        tasks.Should().HaveCountGreaterThan(20);
        var counts = new Dictionary<FastReaderOracle.Outcome, int>();
        for (var i = 0; i < 2500; i++)
        {
            var original = tasks[random.Next(tasks.Count)];
            var bytes = Mutate(random, original, random.Next(1, 3));
            var maxDepth = random.Next(4) == 0 ? random.Next(3, 10) : 63;
            var skipped = SkipCombinations[random.Next(SkipCombinations.Length)];
            var outcome = FastReaderOracle.Check(bytes, skipped, maxDepth, $"variant {i}, depth {maxDepth}, {skipped}: {Encoding.UTF8.GetString(bytes)}");
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        var summary = string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
        counts.GetValueOrDefault(FastReaderOracle.Outcome.Accepted).Should().BeGreaterThan(100, summary);
        counts.GetValueOrDefault(FastReaderOracle.Outcome.BothFailed).Should().BeGreaterThan(100, summary);
    }

    [Test]
    public void TryRead_NestingAroundTheLimit_AcceptedExactlyWhenTheExactReaderReads()
    {
        // A task's own object is level 1: "custom" at level 2, so n nested arrays need a limit of n + 1; the same inside a
        // skipped prediction (level 4 + n) and a result's unknown member (level 6 + n).
        foreach (var skipped in SkipCombinations)
        {
            for (var n = 1; n <= 12; n++)
            {
                for (var maxDepth = 4; maxDepth <= 16; maxDepth++)
                {
                    var nested = new string('[', n) + new string(']', n);
                    foreach (var json in new[]
                    {
                        $$"""{"id":1,"custom":{{nested}}}""",
                        $$"""{"id":1,"predictions":[{"deep":{{nested}}}]}""",
                        $$"""{"id":1,"annotations":[{"result":[{"type":"choices","value":{"choices":["A"]},"x":{{nested}}}]}]}""",
                        $$$"""{"id":1,"annotations":[{"result":[{"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"e":{{{nested}}}}}]}]}""",
                    })
                    {
                        FastReaderOracle.Check(Encoding.UTF8.GetBytes(json), skipped, maxDepth, $"{json} at {maxDepth}");
                    }
                }
            }
        }
    }

    // Ordinary values everywhere but in a few placeholders (none to three), so most variants differ from a readable task
    // in one or two places.
    private static string Fill(Random random, string template)
    {
        var placeholders = template.Count(c => c == '$');
        var unusual = new HashSet<int>();
        for (var k = random.Next(4); k > 0; k--)
        {
            unusual.Add(random.Next(placeholders));
        }

        var text = new StringBuilder(template.Length * 2);
        var index = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i + 1 >= template.Length)
            {
                text.Append(template[i]);
                continue;
            }

            var ordinary = !unusual.Contains(index++);
            text.Append(template[++i] switch
            {
                'I' => ordinary ? random.Next(0, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(random, Integers),
                'D' => ordinary ? (random.NextDouble() * 100).ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Pick(random, Doubles),
                'S' => ordinary ? "\"label" + random.Next(5) + "\"" : Pick(random, Strings),
                'B' => ordinary ? (random.Next(2) == 0 ? "true" : "false") : Pick(random, Booleans),
                'T' => ordinary ? "\"2024-03-01T09:05:37.000000Z\"" : Pick(random, Timestamps),
                'N' => ordinary ? "{\"a\":[1,{\"b\":null}]}" : new string('[', random.Next(1, 12)) + "1" + new string(']', random.Next(1, 12)),
                var other => "$" + other,
            });
        }

        return text.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static byte[] Encode(string text)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        for (var i = 0; i + 2 < bytes.Count; i++)
        {
            if (bytes[i] == 0xEF && bytes[i + 1] == 0xBF && bytes[i + 2] == 0xBF)
            {
                bytes[i] = 0xC3;
                bytes[i + 1] = 0x28;
                bytes.RemoveAt(i + 2);
            }
        }

        return [.. bytes];
    }

    private static byte[] Mutate(Random random, byte[] original, int edits)
    {
        var bytes = new List<byte>(original);
        for (var e = 0; e < edits && bytes.Count > 2; e++)
        {
            var at = random.Next(1, bytes.Count - 1);
            switch (random.Next(8))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, ByteSnippets)));
                    break;
                case 2:
                    bytes[at] = Encoding.UTF8.GetBytes(Pick(random, ByteSnippets))[0];
                    break;
                case 3:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 4:
                    // A member (often a duplicate or of the wrong type) right after an opening brace.
                    var brace = bytes.IndexOf((byte)'{', at);
                    if (brace >= 0)
                    {
                        bytes.InsertRange(brace + 1, Encoding.UTF8.GetBytes(Pick(random, MemberSnippets)));
                    }

                    break;
                case 5:
                    // A trailing comma.
                    var close = bytes.FindIndex(at, b => b is (byte)'}' or (byte)']');
                    if (close >= 0)
                    {
                        bytes.Insert(close, (byte)',');
                    }

                    break;
                case 6:
                    // Whitespace (allowed and not) around a structural character.
                    var comma = bytes.FindIndex(at, b => b is (byte)',' or (byte)':');
                    if (comma >= 0)
                    {
                        bytes.InsertRange(comma, Encoding.UTF8.GetBytes(Pick(random, [" ", "\t", "\r\n ", "\u000b", "\u00a0", "/**/"])));
                    }

                    break;
                default:
                    // An edge number in place of a digit run.
                    var digit = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
                    if (digit >= 0)
                    {
                        var end = digit;
                        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9' or (byte)'.')
                        {
                            end++;
                        }

                        bytes.RemoveRange(digit, end - digit);
                        bytes.InsertRange(digit, Encoding.UTF8.GetBytes(Pick(random, Doubles)));
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
