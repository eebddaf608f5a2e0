using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Validation;

namespace LabelStudio.Formats.Tests.Validation;

public class TaskValidatorFixtureTests
{
    // Fixtures whose export deliberately holds broken regions; their diagnostics are asserted one by one below.
    private static readonly HashSet<string> Deliberate = new(StringComparer.Ordinal) { "edge_image_mixed", "csv_colliding_keys", "csv_colliding_keys_mixed", "yolo_obb_rotated", "geometry_exact_boxes", "geometry_exact_pose" };

    public static IEnumerable<TestCaseData> OfficialExports() =>
        Directory.EnumerateDirectories(Fixtures.FormatsRoot)
            .Where(d => File.Exists(Path.Combine(d, "config.xml")) && File.Exists(Path.Combine(d, "export.json")))
            // Exports made without a config (the CSV "no config" cases) have nothing to be checked against.
            .Where(d => File.ReadAllText(Path.Combine(d, "config.xml")).Trim().Length > 0)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !Deliberate.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(OfficialExports))]
    public async Task ValidateExportAsync_OfficialExport_HasNoErrors(string fixture)
    {
        var summary = await ValidateFixtureAsync(fixture);

        summary.TaskCount.Should().BeGreaterThan(0);
        summary.Diagnostics.Where(d => d.Severity == ValidationSeverity.Error).Select(d => d.ToString()).Should().BeEmpty();
    }

    internal static async Task<ValidationSummary> ValidateFixtureAsync(string fixture, TaskValidationOptions? options = null)
    {
        var directory = Path.Combine(Fixtures.FormatsRoot, fixture);
        var config = LabelConfig.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "config.xml")));
        await using var export = File.OpenRead(Path.Combine(directory, "export.json"));
        return await new TaskValidator(config, options).ValidateExportAsync(export);
    }

    [TestCase("geometry_exact_boxes")]
    [TestCase("geometry_exact_pose")]
    public async Task ValidateExportAsync_GeometryExactCase_ErrorsOnlyForTheDeliberateAnglesAndSizes(string fixture)
    {
        // Crafted to hit the converter's special cases: rotations outside [0, 360) (-30, 720, -359.9...) and negative
        // or zero sizes, which the validator rightly flags; nothing else in them is wrong.
        var summary = await ValidateFixtureAsync(fixture);

        var errors = summary.Diagnostics.Where(d => d.Severity == ValidationSeverity.Error).ToList();
        errors.Should().NotBeEmpty();
        errors.Should().OnlyContain(d => d.Code == "LSF0030" && (d.Field == "value.rotation" || d.Field == "value.width" || d.Field == "value.height"));
    }

    [Test]
    public async Task ValidateExportAsync_EdgeImageMixed_ReportsEachDeliberateDefect()
    {
        // case.json lists the hand-made defects: a label not in the config ("Tractor"), a negative x, a result
        // without original_width/height, a from_name not in the config, an empty label list.
        var summary = await ValidateFixtureAsync("edge_image_mixed");

        summary.Diagnostics.Select(d => (d.Code, d.Severity, d.TaskIndex, d.RegionId, d.Field)).Should().Equal(
            ("LSF0020", ValidationSeverity.Error, 0L, "r1e", "value.rectanglelabels"),
            // r1g: x = -1.5 % is below 0; on 1000x500 px it spans x -15..85 px and y 475..512.5 px,
            // so the bottom-right corner (2) leaves by y, the bottom-left corner (3) by x and y.
            ("LSF0030", ValidationSeverity.Error, 0L, "r1g", "value.x"),
            ("LSF0034", ValidationSeverity.Warning, 0L, "r1g", "value.corner[2].y"),
            ("LSF0034", ValidationSeverity.Warning, 0L, "r1g", "value.corner[3].x"),
            ("LSF0034", ValidationSeverity.Warning, 0L, "r1g", "value.corner[3].y"),
            ("LSF0031", ValidationSeverity.Warning, 4L, "r51", "original_width"),
            ("LSF0011", ValidationSeverity.Error, 4L, "u51", "from_name"),
            ("LSF0021", ValidationSeverity.Warning, 4L, "r52", "value.rectanglelabels"));
        summary.Diagnostics[0].Message.Should().Contain("\"Tractor\"").And.Contain("Car, Person, Truck, bike");
        summary.Diagnostics[6].Message.Should().Contain("\"unknown_tag\"").And.Contain("label, poly, quality");
        summary.Diagnostics.Should().OnlyContain(d => d.TaskId == 101 + d.TaskIndex && d.Target == ValidationTarget.Annotation);
        summary.ErrorCount.Should().Be(3);
        summary.WarningCount.Should().Be(5);
    }

    [TestCase("csv_colliding_keys")]
    [TestCase("csv_colliding_keys_mixed")]
    public async Task ValidateExportAsync_ChoiceWrittenToTheControlsOwnName_ReportsNameMismatch(string fixture)
    {
        // The fixture's config has <Choices name="text" toName="text_obj">, but its result says to_name "text":
        // "text" is the control itself, not the object it controls, so Label Studio cannot show that choice.
        var summary = await ValidateFixtureAsync(fixture);

        summary.Diagnostics.Should().ContainSingle();
        var diagnostic = summary.Diagnostics[0];
        (diagnostic.Code, diagnostic.TaskIndex, diagnostic.ItemId, diagnostic.RegionId, diagnostic.Field)
            .Should().Be(("LSF0013", 0L, (long?)1, "choice1", "to_name"));
        diagnostic.Message.Should().Be("control \"text\" does not control \"text\"; its toName is \"text_obj\".");
    }

    [Test]
    public async Task ValidateExportAsync_YoloObbRotated_ReportsCapitalisedLabelOnEveryRegion()
    {
        // The config declares <Label value="butterfly"/>; every region of the export says "Butterfly".
        // Label Studio compares labels exactly, so each region is an unknown label.
        using var export = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Fixtures.FormatsRoot, "yolo_obb_rotated", "export.json")));
        var regions = export.RootElement.EnumerateArray()
            .SelectMany(t => t.GetProperty("annotations").EnumerateArray())
            .SelectMany(a => a.GetProperty("result").EnumerateArray())
            .Count(r => r.GetProperty("value").GetProperty("rectanglelabels").EnumerateArray().Single().GetString() == "Butterfly");

        var summary = await ValidateFixtureAsync("yolo_obb_rotated");

        regions.Should().BeGreaterThan(0);
        summary.ErrorCount.Should().Be(regions);
        summary.Diagnostics.Should().OnlyContain(d => d.Code == ValidationCodes.UnknownLabel && d.Message.Contains("did you mean \"butterfly\"", StringComparison.Ordinal));
    }
}
