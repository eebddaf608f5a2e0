using System.Text;
using LabelStudio.Formats.Csv;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Csv;

/// <summary>The scratch encodings read back: CSV lines of one layout moved under another, and loose rows.</summary>
public class CsvRowsTests
{
    // Layout "from": columns a (other 0) and c (other 1); layout "to" adds b (other 2) between them, and data key d.
    private static readonly CsvLayout From = Layout(["a", "c"], data: [], other: [0, 1]);
    private static readonly CsvLayout To = Layout(["a", "b", "c", "d"], data: [3], other: [0, 2, 1]);

    [Test]
    public void Relayout_QuotedFieldsWithDelimitersQuotesAndLineBreaks_MovesEachFieldWhole()
    {
        var input = "\"x,\"\"y\"\"\r\nz\",12\r\n1.5,\"\"\r\n"u8;
        var output = new Utf8Buffer();

        var consumed = CsvRows.Relayout(input, From, CsvRows.SlotMap(From, To), To, output, new (int, int)[To.Width]);

        consumed.Should().Be(input.Length);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("\"x,\"\"y\"\"\r\nz\",\"\",12,\"\"\r\n1.5,\"\",\"\",\"\"\r\n");
    }

    [TestCase("\"x\",12\r\n\"y\",1", TestName = "Relayout_RowCutInABareField_StopsBeforeIt")]
    [TestCase("\"x\",12\r\n\"y\"", TestName = "Relayout_RowCutAfterAClosingQuote_StopsBeforeIt")]
    [TestCase("\"x\",12\r\n\"y\"\"", TestName = "Relayout_RowCutInADoubledQuote_StopsBeforeIt")]
    [TestCase("\"x\",12\r\n\"y\",3\r", TestName = "Relayout_RowCutInItsLineEnd_StopsBeforeIt")]
    public void Relayout_PartialLastRow_ConsumesOnlyTheCompleteRows(string text)
    {
        var output = new Utf8Buffer();

        var consumed = CsvRows.Relayout(Encoding.UTF8.GetBytes(text), From, CsvRows.SlotMap(From, To), To, output, new (int, int)[To.Width]);

        consumed.Should().Be("\"x\",12\r\n".Length);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("\"x\",\"\",12,\"\"\r\n");
    }

    [TestCase("\"x\";12\r\n", TestName = "Relayout_WrongDelimiter_ThrowsInvalidData")]
    [TestCase("\"x\",12\n\r", TestName = "Relayout_BareLineFeed_ThrowsInvalidData")]
    [TestCase("\"x\",12,13\r\n", TestName = "Relayout_MoreFieldsThanTheLayout_ThrowsInvalidData")]
    public void Relayout_RowNotWrittenInTheLayout_Throws(string text)
    {
        var act = () => CsvRows.Relayout(Encoding.UTF8.GetBytes(text), From, CsvRows.SlotMap(From, To), To, new Utf8Buffer(), new (int, int)[To.Width]);

        act.Should().Throw<InvalidDataException>().WithMessage("*malformed row at byte*");
    }

    [Test]
    public void LayOutLoose_FieldsById_InTheirSlotsAndTheRestEmpty()
    {
        // Row 1: data d = "v", other c (id 1) = 3; row 2: other b (id 2) = "w"; a third row cut in its field bytes.
        var input = new Utf8Buffer();
        Loose(input, (0, 0, "\"v\""), (1, 1, "3"));
        Loose(input, (1, 2, "\"w\""));
        var complete = input.WrittenCount;
        Loose(input, (1, 0, "\"cut\""));
        var bytes = input.WrittenSpan[..^2].ToArray();
        var output = new Utf8Buffer();

        var consumed = CsvRows.LayOutLoose(bytes, To, output, new (int, int)[To.Width]);

        consumed.Should().Be(complete);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("\"\",\"\",3,\"v\"\r\n\"\",\"w\",\"\",\"\"\r\n");
    }

    [Test]
    public void SameAs_SameNamesAndSlots_TrueAcrossVersions_FalseOnceAColumnIsRenamed()
    {
        var again = new CsvLayout(99, ["a", "b", "c", "d"], [[3], [0, 2, 1]], [false, false, false], (byte)',');
        var renamed = new CsvLayout(100, ["_data_d", "a", "b", "c"], [[0], [1, 3, 2]], [false, false, false], (byte)',');

        To.SameAs(again).Should().BeTrue();
        To.SameAs(renamed).Should().BeFalse();
        Encoding.UTF8.GetString(To.Header).Should().Be("\"a\",\"b\",\"c\",\"d\"\r\n");
    }

    [Test]
    public void Ambiguous_TwoColumnsOnOneName_NeverSameAsItself()
    {
        var shared = new CsvLayout(1, ["_data_x", "a"], [[0, 0], [1]], [false], (byte)',');

        shared.Ambiguous.Should().BeTrue();
        shared.SameAs(new CsvLayout(2, ["_data_x", "a"], [[0, 0], [1]], [false], (byte)',')).Should().BeFalse();
    }

    private static CsvLayout Layout(string[] names, int[] data, int[] other) => new(0, names, [data, other], new bool[other.Length], (byte)',');

    private static void Loose(Utf8Buffer output, params (byte Kind, int Id, string Field)[] fields)
    {
        CsvRows.WriteVarint(output, fields.Length);
        foreach (var (kind, id, field) in fields)
        {
            output.Put(kind);
            CsvRows.WriteVarint(output, id);
            CsvRows.WriteVarint(output, field.Length);
            output.Write(Encoding.UTF8.GetBytes(field));
        }
    }
}
