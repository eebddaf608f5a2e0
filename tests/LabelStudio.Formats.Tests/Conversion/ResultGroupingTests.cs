using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// Which results the official converter keeps when their from_name names no control (label-studio-sdk
/// converter.py, annotation_result_from_task, the "elif from_name and r.get('type') == 'chatmessage'" branch): a
/// "chatmessage" result is kept with type "chatmessage" and without its original size; any other is dropped (also
/// with no config: the newest converter's empty-schema branch is not followed, the fixtures' version 97fcff19 has
/// none, see the README's compatibility notes). JSON_MIN then prettifies each group (utils.py prettify_result: "type"
/// removed, a chat region becomes its chatmessage object, a value without one stays as it is).
/// </summary>
public class ResultGroupingTests
{
    private const string TextAndChoices = "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"c\" toName=\"text\"><Choice value=\"X\"/></Choices></View>";

    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-grouping-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task JsonMin_ChatMessageWithoutControl_KeptWithoutOriginalSize()
    {
        // "chat" is no control: both chatmessage results are kept (the chat branch); the one without a chatmessage
        // object stays a value dict, and the chat branch copies no original_width. The choices result of "nope" is dropped.
        const string Export = """
            [{"id":1,"data":{"text":"a"},"annotations":[{"id":10,"completed_by":3,"result":[
              {"id":"m1","type":"chatmessage","from_name":"chat","to_name":"chat","value":{"chatmessage":{"role":"user","content":"hi"}}},
              {"id":"r1","type":"choices","from_name":"nope","to_name":"text","value":{"choices":["X"]}},
              {"id":"m2","type":"chatmessage","from_name":"chat","to_name":"chat","original_width":5,"value":{"foo":1}}]}]}]
            """;

        var (record, report) = await JsonMinAsync(Export, LabelConfig.Parse(TextAndChoices));

        record.Should().Be("""{"text":"a","id":1,"chat":[{"role":"user","content":"hi"},{"foo":1}],"annotator":3,"annotation_id":10,"created_at":null,"updated_at":null,"lead_time":null}""");
        report.Issues.Select(i => i.RegionId).Should().Equal("r1");
    }

    [Test]
    public async Task Csv_ChatMessageWithoutControl_WritesTheMessagesAndTranscript()
    {
        // As in the json_min_chat fixture (official CSV at 97fcff19): the chat group's cell and a <name>_transcript
        // column "role: content"; annotator str(3); None cells written "" (QUOTE_NONNUMERIC).
        const string Export = """
            [{"id":1,"data":{"text":"a"},"annotations":[{"id":10,"completed_by":3,"result":[
              {"id":"m1","type":"chatmessage","from_name":"chat","to_name":"chat","value":{"chatmessage":{"role":"user","content":"hi"}}}]}]}]
            """;

        var text = await CsvAsync(Export, LabelConfig.Parse(TextAndChoices));

        text.Should().Be(
            "\"annotation_id\",\"annotator\",\"chat\",\"chat_transcript\",\"created_at\",\"id\",\"lead_time\",\"text\",\"updated_at\"\r\n"
            + "10,\"3\",\"[{\"\"role\"\":\"\"user\"\",\"\"content\"\":\"\"hi\"\"}]\",\"user: hi\",\"\",1,\"\",\"a\",\"\"\r\n");
    }

    [Test]
    public async Task JsonMin_ChatWithoutToName_IsNoControlAndOnlyItsMessagesAreKept()
    {
        // parse_config needs name and toName for a control (utils.py _is_output_tag): this Chat is an object there.
        // Its message is kept by the chat branch (type "chatmessage", so the original size is not copied); the
        // choices result of "mood" names no control and is dropped.
        const string Export = """
            [{"id":1,"data":{"chat":[]},"annotations":[{"id":10,"completed_by":3,"result":[
              {"id":"m1","type":"chatmessage","from_name":"chat","to_name":"chat","original_width":5,"value":{"foo":1}},
              {"id":"r1","type":"choices","from_name":"mood","to_name":"chat","value":{"choices":["ok"]}}]}]}]
            """;

        var (record, report) = await JsonMinAsync(Export, LabelConfig.Parse("<View><Chat name=\"chat\" value=\"$chat\"/></View>"));

        record.Should().Be("""{"chat":[{"foo":1}],"id":1,"annotator":3,"annotation_id":10,"created_at":null,"updated_at":null,"lead_time":null}""");
        report.Issues.Select(i => i.RegionId).Should().Equal("r1");
    }

    private const string NoControlExport = """
        [{"id":1,"data":{"text":"a"},"annotations":[{"id":10,"completed_by":3,"result":[
          {"id":"r1","type":"choices","from_name":"c","to_name":"text","value":{"choices":["X"]}},
          {"id":"m1","type":"chatmessage","from_name":"chat","to_name":"chat","value":{"chatmessage":{"role":"user","content":"hi"}}},
          {"id":"m2","type":"chatmessage","from_name":"","to_name":"chat","value":{"chatmessage":{"role":"user","content":"no name"}}},
          {"id":"m3","type":"ChatMessage","from_name":"chat2","to_name":"chat","value":{"chatmessage":{"role":"user","content":"case"}}}]}]}]
        """;

    [TestCase(null, TestName = "JsonMin_NoConfig_KeepsOnlyNamedChatMessages")]
    [TestCase("<View><Text name=\"text\" value=\"$text\"/></View>", TestName = "JsonMin_ConfigWithoutControls_KeepsOnlyNamedChatMessages")]
    public async Task JsonMin_EmptySchema(string? configXml)
    {
        // The chat branch needs a non-empty from_name (m2 dropped) and compares the type exactly (m3 dropped); the
        // choices result r1 has no control (dropped, as in the csv_basic_noconfig fixture).
        var (record, report) = await JsonMinAsync(NoControlExport, configXml is null ? null : LabelConfig.Parse(configXml));

        record.Should().Be("""{"text":"a","id":1,"chat":[{"role":"user","content":"hi"}],"annotator":3,"annotation_id":10,"created_at":null,"updated_at":null,"lead_time":null}""");
        report.Issues.Select(i => i.RegionId).Should().Equal("r1", "m2", "m3");
    }

    private async Task<(string Record, ConversionReport Report)> JsonMinAsync(string export, LabelConfig? config)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(export));
        var output = Path.Combine(_work, "json-min");
        var report = await new ExportRunner().RunAsync(input, ExportFormat.JsonMin, output, new ExportRunOptions { Config = config });
        var records = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")))!.AsArray();
        records.Should().HaveCount(1);
        return (records[0]!.ToJsonString(), report);
    }

    private async Task<string> CsvAsync(string export, LabelConfig? config)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(export));
        var output = Path.Combine(_work, "csv");
        await new ExportRunner().RunAsync(input, ExportFormat.Csv, output, new ExportRunOptions { Config = config });
        return await File.ReadAllTextAsync(Path.Combine(output, "result.csv"));
    }
}
