using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Csv;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion.Csv;

/// <summary>
/// The CSV exporter's two ways to the file: rows laid out under the header chosen from the first rows (the file is
/// then renamed into place) and the rewrite when a column turns up later. <see cref="CsvExporter.LeadingBytes"/>
/// moves the point where the header is chosen: 0 chooses it at the first row, so every later column takes the
/// rewrite; the default holds small exports whole. Both must give the official layout.
/// </summary>
public class CsvExporterTests
{
    private const int HeaderAtFirstRow = 0;
    private const int HeaderAfterSomeRows = 2_000;
    private const int WholeExportHeld = 1 << 20;

    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-csv-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    public static IEnumerable<TestCaseData> CsvFixtures() =>
        Directory.EnumerateDirectories(Fixtures.FormatsRoot).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "export.json")))
            .SelectMany(d => new[] { "CSV", "TSV" }.Where(f => Directory.Exists(Path.Combine(d, "expected", f))).Select(f => (Dir: d, Format: f)))
            .Select(c => new TestCaseData(Path.GetFileName(c.Dir), c.Format).SetArgDisplayNames($"{Path.GetFileName(c.Dir)}/{c.Format}"));

    [TestCaseSource(nameof(CsvFixtures))]
    public async Task ExportAsync_HeaderChosenAtTheFirstRow_SameBytesAsTheWholeExportHeld(string caseName, string format)
    {
        // The held path is the one ExportFixtureTests compares with the official output; the rewrite must agree.
        var dir = Path.Combine(Fixtures.FormatsRoot, caseName);
        var config = ExportFixtureTests.LoadConfig(dir);
        var export = await File.ReadAllBytesAsync(Path.Combine(dir, "export.json"));
        var tab = format == "TSV";

        var held = await ExportAsync(export, config, WholeExportHeld, tab);
        var rewritten = await ExportAsync(export, config, HeaderAtFirstRow, tab);

        rewritten.Should().Equal(held);
    }

    [TestCase(HeaderAtFirstRow)]
    [TestCase(HeaderAfterSomeRows)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_DataKeyFirstSeenLate_EveryRowUnderTheFinalHeader(int leadingBytes)
    {
        // 300 unannotated tasks (one row each: every annotation cell "", id bare, data quoted); task 250 alone has
        // the key "late". Sorted by code point "late" comes before "lead_time" ('a' < 'e').
        var tasks = Enumerable.Range(1, 300).Select(i => i == 250
            ? $$"""{"id":{{i}},"data":{"text":"t{{i}}","late":"L"},"annotations":[]}"""
            : $$"""{"id":{{i}},"data":{"text":"t{{i}}"},"annotations":[]}""");
        var expected = new StringBuilder("\"annotation_id\",\"annotator\",\"created_at\",\"id\",\"late\",\"lead_time\",\"text\",\"updated_at\"\r\n");
        for (var i = 1; i <= 300; i++)
        {
            expected.Append(CultureInfo.InvariantCulture, $"\"\",\"\",\"\",{i},\"{(i == 250 ? "L" : "")}\",\"\",\"t{i}\",\"\"\r\n");
        }

        var output = await ExportAsync(Export(tasks), null, leadingBytes);

        Encoding.UTF8.GetString(output).Should().Be(expected.ToString());
        Directory.GetFileSystemEntries(Path.Combine(_work, "out")).Select(Path.GetFileName).Should().Equal("result.csv");
    }

    [TestCase(HeaderAtFirstRow)]
    [TestCase(HeaderAfterSomeRows)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_ControlNamedLikeADataKeyFirstSeenLate_RenamesTheDataColumnInEveryRow(int leadingBytes)
    {
        // The control "text" has a region only in task 250: from then on the data key "text" is "_data_text" in the
        // header, and so it must be for the rows written before ('_' sorts before 'a'). Task 250's row has the single
        // choice as its "text" cell and its annotation id; the others have "" there.
        var config = LabelConfig.Parse("""<View><Text name="src" value="$text"/><Choices name="text" toName="src"><Choice value="X"/></Choices></View>""");
        var tasks = Enumerable.Range(1, 300).Select(i => i == 250
            ? $$$"""{"id":{{{i}}},"data":{"text":"t{{{i}}}"},"annotations":[{"id":77,"result":[{"id":"r","from_name":"text","to_name":"src","type":"choices","value":{"choices":["X"]}}]}]}"""
            : $$"""{"id":{{i}},"data":{"text":"t{{i}}"},"annotations":[]}""");
        var expected = new StringBuilder("\"_data_text\",\"annotation_id\",\"annotator\",\"created_at\",\"id\",\"lead_time\",\"text\",\"updated_at\"\r\n");
        for (var i = 1; i <= 300; i++)
        {
            var (annotationId, text) = i == 250 ? ("77", "\"X\"") : ("\"\"", "\"\"");
            expected.Append(CultureInfo.InvariantCulture, $"\"t{i}\",{annotationId},\"\",\"\",{i},\"\",{text},\"\"\r\n");
        }

        var output = await ExportAsync(Export(tasks), config, leadingBytes);

        Encoding.UTF8.GetString(output).Should().Be(expected.ToString());
    }

    [TestCase(HeaderAtFirstRow)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_EveryTaskAddsAColumn_EachValueInItsOwnColumn(int leadingBytes)
    {
        // 200 tasks, each with a data key of its own (more layout changes than the workers are told about): 206
        // columns, every row "" everywhere but in its own key's column and the fixed ones.
        var tasks = Enumerable.Range(1, 200).Select(i => $$"""{"id":{{i}},"data":{"k{{i:D3}}":"v,\"{{i}}\"\r\nx"},"annotations":[]}""");

        var rows = ReadCsv(await ExportAsync(Export(tasks), null, leadingBytes));

        rows.Should().HaveCount(201);
        rows[0].Should().Equal(["annotation_id", "annotator", "created_at", "id", .. Enumerable.Range(1, 200).Select(i => $"k{i:D3}"), "lead_time", "updated_at"]);
        for (var i = 1; i <= 200; i++)
        {
            var row = rows[i];
            row.Should().HaveCount(206);
            row[3].Should().Be(i.ToString(CultureInfo.InvariantCulture));
            for (var column = 4; column < 204; column++)
            {
                row[column].Should().Be(column - 3 == i ? $"v,\"{i}\"\r\nx" : "", $"row {i}, column {rows[0][column]}");
            }
        }
    }

    [TestCase(HeaderAtFirstRow)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_TwoDataKeysOnOneHeaderName_SameBytesEitherWay(int leadingBytes)
    {
        // "x" renamed "_data_x" (a control is named "x") and a key literally named "_data_x" share one header name:
        // no row can be laid out column by column under such a header, so every path lays the rows out at the end,
        // the later field of a row winning the shared cell.
        var config = LabelConfig.Parse("""<View><Text name="src" value="$x"/><Choices name="x" toName="src"><Choice value="X"/></Choices></View>""");
        var tasks = Enumerable.Range(1, 50).Select(i => i == 10
            ? $$$"""{"id":{{{i}}},"data":{"x":"a{{{i}}}","_data_x":"b{{{i}}}"},"annotations":[{"id":5,"result":[{"id":"r","from_name":"x","to_name":"src","type":"choices","value":{"choices":["X"]}}]}]}"""
            : $$"""{"id":{{i}},"data":{"x":"a{{i}}"},"annotations":[]}""");

        var rows = ReadCsv(await ExportAsync(Export(tasks), config, leadingBytes));

        rows[0].Should().Equal("_data_x", "annotation_id", "annotator", "created_at", "id", "lead_time", "updated_at", "x");
        rows[1][0].Should().Be("a1");
        rows[10][0].Should().Be("b10", "the literal _data_x key comes after x in the task's data");
        rows[10][7].Should().Be("X");
        rows[11][0].Should().Be("a11");
    }

    // The official converter (label-studio-sdk, converter/exports/csv2.py, prepare_annotation) builds each row as a
    // Python dict, so a later key replaces an earlier one of the same name: it sets "id" (when the task's id is not
    // None), then one key per control output and "<name>_transcript" for chat outputs, then every task.data key (only
    // a key that is also a control's name anywhere in the export is renamed "_data_<key>"), then "annotator",
    // "annotation_id", "created_at", "updated_at", "lead_time" unconditionally, "agreement" when the task has one, and
    // "history" when the annotation's is non-empty. The header is the sorted set of the keys (csv.DictWriter, missing
    // cells written as "" under QUOTE_NONNUMERIC).
    [TestCase(HeaderAtFirstRow)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_DataKeysNamedLikeTheConvertersOwnColumns_TheLaterKeyOfTheOfficialRowWins(int leadingBytes)
    {
        var config = LabelConfig.Parse("""<View><Text name="t" value="$text"/><Chat name="chat" value="$text"/><Choices name="c" toName="t"><Choice value="A"/></Choices></View>""");
        const string Data = """{"text":"t","id":"data-id","annotator":"data-annotator","lead_time":"data-lead","agreement":"data-agreement","history":"data-history","chat_transcript":"data-transcript"}""";
        const string Results = """[{"id":"r","from_name":"c","to_name":"t","type":"choices","value":{"choices":["A"]}},{"id":"m","from_name":"chat","to_name":"t","type":"chatmessage","value":{"chatmessage":{"role":"user","content":"hi"}}}]""";
        var tasks = new[]
        {
            $$"""{"id":1,"data":{{Data}},"annotations":[{"id":7,"completed_by":3,"lead_time":2.5,"result":{{Results}}}]}""",
            $$"""{"id":2,"agreement":50.0,"data":{{Data}},"annotations":[{"id":8,"completed_by":4,"lead_time":1.0,"history":[{"x":1}],"result":{{Results}}}]}""",
        };

        var rows = ReadCsv(await ExportAsync(Export(tasks), config, leadingBytes));

        rows[0].Should().Equal("agreement", "annotation_id", "annotator", "c", "chat", "chat_transcript", "created_at", "history", "id", "lead_time", "text", "updated_at");
        var first = Row(rows, 1);
        first["id"].Should().Be("data-id", "task.data's id is set after the task's id");
        first["chat_transcript"].Should().Be("data-transcript", "task.data's keys are set after the transcripts");
        first["annotator"].Should().Be("3", "the annotator is set after task.data's keys");
        first["lead_time"].Should().Be("2.5");
        first["agreement"].Should().Be("data-agreement", "a task without agreement sets no such key");
        first["history"].Should().Be("data-history", "an annotation without history sets no such key");
        first["c"].Should().Be("A");
        first["text"].Should().Be("t");
        var second = Row(rows, 2);
        second["id"].Should().Be("data-id");
        second["annotation_id"].Should().Be("8");
        second["agreement"].Should().Be("50.0", "the task's agreement is set after task.data's keys");
        second["history"].Should().Be("""[{"x":1}]""", "a non-empty history is set after task.data's keys");
    }

    [TestCase(HeaderAtFirstRow)]
    [TestCase(WholeExportHeld)]
    public async Task ExportAsync_ControlNamedIdAndADataKeyId_DataRenamedAndTheOutputReplacesTheTaskId(int leadingBytes)
    {
        // "id" is both a control and a data key: the data key becomes "_data_id"; the control's output is set after the
        // task's id under the bare name, so the id column holds the choice.
        var config = LabelConfig.Parse("""<View><Text name="t" value="$text"/><Choices name="id" toName="t"><Choice value="A"/></Choices></View>""");
        var tasks = new[]
        {
            """{"id":1,"data":{"text":"t","id":"data-id"},"annotations":[{"id":7,"result":[{"id":"r","from_name":"id","to_name":"t","type":"choices","value":{"choices":["A"]}}]}]}""",
            """{"id":2,"data":{"text":"u","id":"data-id-2"},"annotations":[]}""",
        };

        var rows = ReadCsv(await ExportAsync(Export(tasks), config, leadingBytes));

        rows[0].Should().Equal("_data_id", "annotation_id", "annotator", "created_at", "id", "lead_time", "text", "updated_at");
        Row(rows, 1)["id"].Should().Be("A");
        Row(rows, 1)["_data_id"].Should().Be("data-id");
        Row(rows, 2)["id"].Should().Be("2", "an unannotated row has no output, so the task id stays");
        Row(rows, 2)["_data_id"].Should().Be("data-id-2");
    }

    [Test]
    public async Task ExportAsync_TaskIdsNull_NoIdColumnUnlessSomeTaskHasOne()
    {
        // "if item.get('id') is not None": a null id adds no key, so the header has "id" only when some task has one,
        // and a row without it gets the empty cell.
        var none = await ExportAsync(Export(["""{"id":null,"data":{"text":"x"},"annotations":[]}"""]), null, HeaderAtFirstRow);
        var mixed = await ExportAsync(Export(["""{"id":null,"data":{"text":"x"},"annotations":[]}""", """{"id":5,"data":{"text":"y"},"annotations":[]}"""]), null, HeaderAtFirstRow);

        Encoding.UTF8.GetString(none).Should().Be(
            "\"annotation_id\",\"annotator\",\"created_at\",\"lead_time\",\"text\",\"updated_at\"\r\n"
            + "\"\",\"\",\"\",\"\",\"x\",\"\"\r\n");
        Encoding.UTF8.GetString(mixed).Should().Be(
            "\"annotation_id\",\"annotator\",\"created_at\",\"id\",\"lead_time\",\"text\",\"updated_at\"\r\n"
            + "\"\",\"\",\"\",\"\",\"\",\"x\",\"\"\r\n"
            + "\"\",\"\",\"\",5,\"\",\"y\",\"\"\r\n");
    }

    [Test]
    public async Task ExportAsync_DataStringsWithAndWithoutEscapesAndANumericAnnotator_WrittenAsTheirText()
    {
        // Strings quoted with inner quotes doubled, escapes decoded (\u00e9 is é, \n a line break inside the quotes,
        // \\ one backslash); a numeric completed_by is the annotator, quoted as a string; absent times are "".
        var export = Encoding.UTF8.GetBytes("""
            [{"id":1,"data":{"a":"plain","b":"q\"uote","c":"\u00e9t\u00e9","d":"été","e":"l1\nl2","f":"back\\slash"},
              "annotations":[{"id":9,"completed_by":4,"result":[]}]}]
            """);

        var text = Encoding.UTF8.GetString(await ExportAsync(export, null, HeaderAtFirstRow));

        text.Should().Be(
            "\"a\",\"annotation_id\",\"annotator\",\"b\",\"c\",\"created_at\",\"d\",\"e\",\"f\",\"id\",\"lead_time\",\"updated_at\"\r\n"
            + "\"plain\",9,\"4\",\"q\"\"uote\",\"été\",\"\",\"été\",\"l1\nl2\",\"back\\slash\",1,\"\",\"\"\r\n");
    }

    [Test]
    public async Task ExportAsync_NoTasks_HeaderOfTheFixedColumnsOnly()
    {
        var output = await ExportAsync("[]"u8.ToArray(), null, HeaderAtFirstRow);

        Encoding.UTF8.GetString(output).Should().Be("\"annotation_id\",\"annotator\",\"created_at\",\"lead_time\",\"updated_at\"\r\n");
    }

    // Python's parsers make 36 an int and 36.0 a float, and csv writes str() of each: 36 and 36.0. -0 is the int 0;
    // 2^53 + 1 is exact as an int (a double would round it to 2^53); 1E2 is a float (100.0); 1e-05 is repr's text.
    [TestCase("36", "36")]
    [TestCase("36.0", "36.0")]
    [TestCase("-0", "0")]
    [TestCase("-0.0", "-0.0")]
    [TestCase("1E2", "100.0")]
    [TestCase("0.00001", "1e-05")]
    [TestCase("9007199254740993", "9007199254740993")]
    [TestCase("-9223372036854775807", "-9223372036854775807")]
    public async Task ExportAsync_LeadTimeAndAgreementLiterals_WrittenAsPythonPrintsThem(string literal, string expected)
    {
        var task = $$"""{"id":1,"data":{"t":"x"},"agreement":{{literal}},"annotations":[{"id":2,"completed_by":1,"result":[],"lead_time":{{literal}}}]}""";

        var row = Row(ReadCsv(await ExportAsync(Export([task]), null, WholeExportHeld)), 1);

        row["lead_time"].Should().Be(expected);
        row["agreement"].Should().Be(expected);
    }

    // utils.get_annotator: str(completed_by) unless it is a user object (its email). str(None) is "None", str(True)
    // "True", str(4.0) "4.0"; an absent completed_by is {} there (no email: None, an empty cell).
    [TestCase("\"completed_by\":null,", "None")]
    [TestCase("\"completed_by\":true,", "True")]
    [TestCase("\"completed_by\":4.0,", "4.0")]
    [TestCase("\"completed_by\":1e-05,", "1e-05")]
    [TestCase("\"completed_by\":-0,", "0")]
    [TestCase("\"completed_by\":7,", "7")]
    [TestCase("", "")]
    public async Task ExportAsync_CompletedByScalar_AnnotatorAsPythonStr(string member, string expected)
    {
        var task = $$"""{"id":1,"data":{"t":"x"},"annotations":[{"id":2,{{member}}"result":[],"lead_time":1.5}]}""";

        var row = Row(ReadCsv(await ExportAsync(Export([task]), null, WholeExportHeld)), 1);

        row["annotator"].Should().Be(expected);
    }

    // The official converter writes JSON cells with ujson: '/' escaped, floats as double-conversion's shortest with
    // ".0" and unpadded exponents (1e-5, 1e+16), ints as parsed (-0 is 0). The data's literals keep their kind.
    [Test]
    public async Task ExportAsync_DataObjectWithNumberLiterals_CellAsUjsonWritesIt()
    {
        var task = """{"id":1,"data":{"d":{"a":0.00001,"b":[1e16,1E2,-0,36,36.0,"s/t",true,null]}},"annotations":[{"id":2,"completed_by":1,"result":[],"lead_time":1.5}]}""";

        var row = Row(ReadCsv(await ExportAsync(Export([task]), null, WholeExportHeld)), 1);

        row["d"].Should().Be("""{"a":1e-5,"b":[1e+16,100.0,0,36,36.0,"s\/t",true,null]}""");
    }

    private async Task<byte[]> ExportAsync(byte[] export, LabelConfig? config, int leadingBytes, bool tab = false)
    {
        var output = Path.Combine(_work, "out");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        using var input = new MemoryStream(export);
        await new CsvExporter(tab) { LeadingBytes = leadingBytes }.ExportAsync(new ExportContext
        {
            Tasks = LabelStudioJson.ReadTasksAsync(input),
            Config = config,
            OutputDirectory = output,
        });
        return await File.ReadAllBytesAsync(Path.Combine(output, "result.csv"));
    }

    private static Dictionary<string, string> Row(List<string[]> rows, int index) =>
        rows[0].Zip(rows[index]).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);

    private static byte[] Export(IEnumerable<string> tasks) => Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]");

    private static List<string[]> ReadCsv(byte[] csv)
    {
        using var reader = new StreamReader(new MemoryStream(csv));
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }
}
