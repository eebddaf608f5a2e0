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
