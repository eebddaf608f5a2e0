using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// <see cref="LabelStudioJson.DeserializeTask"/> tries the fast reader first: against the exact reader alone
/// (<see cref="LabelStudioJson.DeserializeTaskExact"/>) it must give the identical task for every fixture task, and for
/// hostile input the identical error (message, byte offset, line, column, path) or the identical task.
/// </summary>
public class DeserializeTaskTests
{
    private static IEnumerable<TestCaseData> FixtureTaskFiles() =>
        FastTaskReaderTests.FixtureTaskFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    [TestCaseSource(nameof(FixtureTaskFiles))]
    public void DeserializeTask_FixtureTasks_SameTaskAsTheExactReaderAndReadFast(string file)
    {
        var tasks = FastReaderOracle.TaskElements(Fixtures.Path(file));
        tasks.Should().NotBeEmpty();
        var fast = 0;
        foreach (var element in tasks)
        {
            // As a REST body: the element alone, and with the whitespace a server or a file puts around it.
            foreach (var body in new[] { element, [.. " \r\n\t"u8, .. element, .. "\n"u8] })
            {
                var expected = LabelStudioJson.DeserializeTaskExact(body);
                var actual = LabelStudioJson.DeserializeTask(body);
                FastReaderOracle.Signature(actual).Should().Be(FastReaderOracle.Signature(expected), Encoding.UTF8.GetString(body));
            }

            fast += FastTaskReader.TryRead(element, new JsonStringPool(), LabelStudioJson.Options.MaxDepth, SkippedTaskMembers.None, out _) ? 1 : 0;
        }

        // Not vacuous: the official tools' tasks are the forms the fast reader reads itself.
        fast.Should().BeGreaterThan(0, "the fast reader reads some of the file's tasks");
    }

    // Hostile bodies, with what the exact reader does with them: each must behave exactly the same through the fast
    // path (the fast reader gives up on all of them, or reads an identical task).
    private static readonly string[] HostileBodies =
    [
        "",
        "   ",
        "null",
        "[]",
        "[{\"id\":1}]",
        "\"task\"",
        "{",
        "{\"id\":1",
        "{\"id\":1,}",
        "{\"id\":1}}",
        "{\"id\":1} {\"id\":2}",
        "{\"id\":1} x",
        "{\"id\":1}/*c*/",
        "/*c*/{\"id\":1}",
        "\uFEFF{\"id\":1}",
        "{\"id\": true}",
        "{\"id\":\"7\"}",
        "{\"id\":1.5}",
        "{\"id\":99999999999999999999}",
        "{\"id\":1,\"id\":2}",
        "{\"\\u0069d\":1}",
        "{\"data\":[]}",
        "{\"data\":{\"t\":\"\\ud800\"}}",
        "{\"data\":{\"t\":\"\\udc00x\"}}",
        "{\"data\":{\"t\":\"a\u0001b\"}}",
        "{\"annotations\":null}",
        "{\"annotations\":[{\"result\":[{\"value\":{\"x\":1e400}}]}]}",
        "{\"annotations\":[{\"result\":[{\"type\":\"rectanglelabels\",\"value\":{\"x\":\"1\"}}]}]}",
        "{\"annotations\":[{\"result\":[{\"type\":\"choices\",\"value\":{\"choices\":\"A\"}}]}]}",
        "{\"annotations\":[{\"created_at\":\"yesterday\"}]}",
        "{\"created_at\":\"2024-13-01T00:00:00Z\"}",
        "{\"predictions\":[{\"score\":\"high\"}]}",
        "{\"meta\":" + new string('[', 70) + new string(']', 70) + "}",
        "{\"meta\":" + new string('[', 62) + new string(']', 62) + "}",
        "{\"meta\":" + new string('[', 63) + new string(']', 63) + "}",
        "{\n  \"id\": 1,\n  \"data\": {\"image\": \"/data/upload/1/a.jpg\"},\n  \"annotations\": [{\"id\": 2, \"result\": [], \"lead_time\": -}]\n}",
    ];

    private static IEnumerable<TestCaseData> HostileCases() =>
        HostileBodies.Select((body, i) => new TestCaseData(body).SetArgDisplayNames($"hostile {i:D2}"));

    [TestCaseSource(nameof(HostileCases))]
    public void DeserializeTask_HostileBody_SameOutcomeAsTheExactReader(string body) =>
        AssertSameOutcome(Encoding.UTF8.GetBytes(body));

    [Test]
    public void DeserializeTask_InvalidUtf8_SameErrorAsTheExactReader()
    {
        AssertSameOutcome([.. """{"data":{"t":"a"""u8, 0xC3, 0x28, .. "\"}}"u8]);
        AssertSameOutcome([.. """{"annotations":[{"result":[{"id":"ab"""u8, 0xFF, .. "\"}]}]}"u8]);
    }

    [Test]
    public void DeserializeTask_FixtureTasksWithRandomEdits_SameOutcomeAsTheExactReader()
    {
        // Every fixture task with one to three bytes inserted, removed or replaced (structure, numbers, escapes,
        // invalid UTF-8): most variants fail, and where they fail the error must be the exact reader's, at its place.
        var random = new Random(5);
        string[] snippets = ["{", "}", "[", "]", "\"", ",", ":", "\\", " ", "0", "-", ".", "e", "n", "t", "/*c*/", "\u0001", "é", "\\ud800"];
        var tasks = FastTaskReaderTests.FixtureTaskFiles().SelectMany(f => FastReaderOracle.TaskElements(Fixtures.Path(f)).Take(4)).ToList();
        var failures = 0;
        for (var i = 0; i < 1500; i++)
        {
            var bytes = new List<byte>(tasks[random.Next(tasks.Count)]);
            for (var e = random.Next(1, 4); e > 0 && bytes.Count > 2; e--)
            {
                var at = random.Next(1, bytes.Count - 1);
                switch (random.Next(4))
                {
                    case 0:
                        bytes.RemoveAt(at);
                        break;
                    case 1:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    default:
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes(snippets[random.Next(snippets.Length)]));
                        break;
                }
            }

            failures += AssertSameOutcome([.. bytes]) ? 0 : 1;
        }

        failures.Should().BeGreaterThan(300, "most edits break the task");
    }

    // The exact reader keeps a member it does not know as its raw JSON, invalid UTF-8 included (it is checked only when
    // the member is decoded): such a task has no text signature, only the decoder's complaint, which names the byte.
    private static string Signature(LabelStudioTask task)
    {
        try
        {
            return FastReaderOracle.Signature(task);
        }
        catch (InvalidOperationException ex)
        {
            return "undecodable: " + ex.InnerException?.Message;
        }
    }

    // True when the body was read (identically), false when both threw the same error.
    private static bool AssertSameOutcome(byte[] body)
    {
        var because = Encoding.UTF8.GetString(body);
        LabelStudioTask? expected = null;
        LabelStudioJsonException? expectedError = null;
        try
        {
            expected = LabelStudioJson.DeserializeTaskExact(body);
        }
        catch (LabelStudioJsonException ex)
        {
            expectedError = ex;
        }

        if (expected is not null)
        {
            Signature(LabelStudioJson.DeserializeTask(body)).Should().Be(Signature(expected), because);
            return true;
        }

        var act = () => LabelStudioJson.DeserializeTask(body);
        var error = act.Should().Throw<LabelStudioJsonException>(because).Which;
        error.Message.Should().Be(expectedError!.Message, because);
        error.ByteOffset.Should().Be(expectedError.ByteOffset, because);
        error.Line.Should().Be(expectedError.Line, because);
        error.Column.Should().Be(expectedError.Column, because);
        error.Path.Should().Be(expectedError.Path, because);
        error.TaskIndex.Should().Be(expectedError.TaskIndex, because);
        return false;
    }
}
