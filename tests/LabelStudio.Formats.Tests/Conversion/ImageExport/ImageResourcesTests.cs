using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

/// <summary>Copying images into image exports (the *_WITH_IMAGES formats and DownloadResources), through the runner.</summary>
public class ImageResourcesTests
{
    private const string Config = """
        <View><Image name="image" value="$image"/>
        <RectangleLabels name="label" toName="image"><Label value="Box"/></RectangleLabels></View>
        """;

    private TempDirectory _work = null!;
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _work = new TempDirectory();
        _root = Path.Combine(_work.Path, "root");
        Directory.CreateDirectory(Path.Combine(_root, "local"));
        var png = File.ReadAllBytes(Path.Combine(Fixtures.FormatsRoot, "with_images_local_files", "media", "local", "a.png"));
        File.WriteAllBytes(Path.Combine(_root, "local", "a.png"), png);
    }

    [TearDown]
    public void TearDown() => _work.Dispose();

    [TestCase("COCO_WITH_IMAGES")]
    [TestCase("YOLO_WITH_IMAGES")]
    [TestCase("YOLO_OBB_WITH_IMAGES")]
    public async Task RunAsync_WithImagesWithoutMediaSource_ThrowsAndWritesNothing(string format)
    {
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/a.png");

        var act = () => new ExportRunner().RunAsync(input, new ExportFormat(format), output, new ExportRunOptions { Config = LabelConfig.Parse(Config) });

        (await act.Should().ThrowAsync<ConversionException>()).WithMessage("*needs a media source*ExportRunOptions.Media*");
        Directory.Exists(output).Should().BeFalse("a failed export leaves no output");
    }

    [Test]
    public async Task RunAsync_DownloadResourcesWithoutMediaSource_Throws()
    {
        using var input = Export("/data/local-files/?d=local/a.png");
        var options = new ExportRunOptions { Config = LabelConfig.Parse(Config), ExportOptions = new ImageExportOptions { DownloadResources = true } };

        var act = () => new ExportRunner().RunAsync(input, ExportFormat.Voc, Path.Combine(_work.Path, "out"), options);

        await act.Should().ThrowAsync<ConversionException>();
    }

    [Test]
    public async Task RunAsync_YoloWithDownloadResources_EqualsYoloWithImages()
    {
        // DownloadResources on YOLO is how a caller asks for "YOLO with images"; both give the same files.
        var viaOption = Path.Combine(_work.Path, "option");
        var viaFormat = Path.Combine(_work.Path, "format");
        using (var input = Export("/data/local-files/?d=local/a.png"))
        {
            await new ExportRunner().RunAsync(input, ExportFormat.Yolo, viaOption, Options(new ImageExportOptions { DownloadResources = true }));
        }

        using (var input = Export("/data/local-files/?d=local/a.png"))
        {
            await new ExportRunner().RunAsync(input, ExportFormat.YoloWithImages, viaFormat, Options());
        }

        // md5("/data/local-files/?d=local/a.png") starts with fc6bbe58 (the fixture's expected name).
        File.Exists(Path.Combine(viaOption, "images", "fc6bbe58__a.png")).Should().BeTrue();
        File.Exists(Path.Combine(viaOption, "labels", "fc6bbe58__a.txt")).Should().BeTrue();
        ImageExportHarness.Compare(viaFormat, viaOption).Where(d => !d.StartsWith("notes.json", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Test]
    public async Task RunAsync_MissingImage_ReportsTaskIdAndReferenceAndFallsBack()
    {
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/nope.jpg");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.CocoWithImages, output, Options());

        var issue = report.Issues.Should().ContainSingle(i => i.Reason == "media-not-available").Subject;
        issue.TaskId.Should().Be(7);
        issue.Message.Should().Contain("/data/local-files/?d=local/nope.jpg").And.Contain("NotFound");
        Directory.GetFiles(Path.Combine(output, "images")).Should().BeEmpty();
        (await File.ReadAllTextAsync(Path.Combine(output, "result.json"))).Should().Contain("\"file_name\": \"\\/data\\/local-files\\/?d=local\\/nope.jpg\"", "the reference stays, as officially");
    }

    [TestCase("YOLO_WITH_IMAGES")]
    [TestCase("YOLO_OBB_WITH_IMAGES")]
    public async Task RunAsync_CloudImageNotFetched_DropsItsLabelFileAndReportsIt(string format)
    {
        // formats.md §5.8 (FIT-2611): a cloud image that cannot be fetched is skipped with no label file. A local
        // source has no credentials for s3://, so task 8's image fails; task 7's local image is copied as usual.
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/a.png", "s3://bucket/cams/b.jpg");

        var report = await new ExportRunner().RunAsync(input, new ExportFormat(format), output, Options());

        Directory.GetFiles(Path.Combine(output, "labels")).Select(Path.GetFileName).Should().Equal(["fc6bbe58__a.txt"], "only the fetched image keeps a label file");
        var dropped = report.Issues.Should().ContainSingle(i => i.Reason == "image-not-fetched").Subject;
        dropped.Kind.Should().Be(ConversionIssueKind.DroppedAnnotation);
        dropped.TaskId.Should().Be(8);
        dropped.AnnotationId.Should().Be(71);
        dropped.Message.Should().Contain("s3://bucket/cams/b.jpg");
        report.TasksWritten.Should().Be(1, "the task whose image could not be fetched wrote nothing");
    }

    [Test]
    public async Task RunAsync_YoloWithImagesMissingLocalImage_KeepsItsLabelFile()
    {
        // Only cloud images are skipped: a missing local file keeps its label file under the plain name, as the
        // official YOLO_WITH_IMAGES fixture (with_images_local_files, labels/missing.txt) shows.
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/missing.jpg");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.YoloWithImages, output, Options());

        File.Exists(Path.Combine(output, "labels", "missing.txt")).Should().BeTrue();
        report.Issues.Should().NotContain(i => i.Reason == "image-not-fetched");
    }

    [Test]
    public async Task RunAsync_ReferenceEscapingTheRoot_IsRefusedAndReported()
    {
        File.WriteAllText(Path.Combine(_work.Path, "secret.png"), "outside the root");
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=..%2Fsecret.png");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.YoloWithImages, output, Options());

        report.Issues.Should().ContainSingle(i => i.Reason == "media-not-available" && i.TaskId == 7).Which.Message.Should().Contain("OutsideRoot");
        Directory.GetFiles(Path.Combine(output, "images")).Should().BeEmpty("nothing outside the media root is copied");
    }

    [Test]
    public async Task RunAsync_SameImageInTwoTasks_IsCopiedOnceAndBothLabelFilesNamedAfterIt()
    {
        var source = new CountingSource(new LocalMediaSource(new LocalMediaSourceOptions { LocalFilesDocumentRoot = _root }));
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/a.png", "/data/local-files/?d=local/a.png");

        await new ExportRunner().RunAsync(input, ExportFormat.CocoWithImages, output, new ExportRunOptions { Config = LabelConfig.Parse(Config), Media = source });

        source.Opened.Should().Be(1);
        var result = await File.ReadAllTextAsync(Path.Combine(output, "result.json"));
        result.Split("images\\/fc6bbe58__a.png").Should().HaveCount(3, "both image entries name the one copy");
        result.Should().Contain("\"width\": 64").And.Contain("\"height\": 48", "the size comes from the copied file (a 64x48 PNG), not original_width/height 640x480");
    }

    [Test]
    public async Task RunAsync_VocWithDownloadedRgbaPng_DepthIsFour()
    {
        // The fixture PNG is RGBA (IHDR colour type 6): Pillow reports four bands, the official VOC depth.
        var output = Path.Combine(_work.Path, "out");
        using var input = Export("/data/local-files/?d=local/a.png");

        await new ExportRunner().RunAsync(input, ExportFormat.Voc, output, Options(new ImageExportOptions { DownloadResources = true }));

        var xml = await File.ReadAllTextAsync(Path.Combine(output, "Annotations", "fc6bbe58__a.xml"));
        xml.Should().Contain("<depth>4</depth>").And.Contain("<width>640</width>", "VOC keeps the region's original size");
    }

    private ExportRunOptions Options(ImageExportOptions? options = null) => new()
    {
        Config = LabelConfig.Parse(Config),
        ExportOptions = options ?? new ImageExportOptions(),
        Media = new LocalMediaSource(new LocalMediaSourceOptions { LocalFilesDocumentRoot = _root }),
    };

    private static MemoryStream Export(params string[] images)
    {
        var tasks = images.Select((image, i) => $$$"""
            {"id":{{{7 + i}}},"data":{"image":"{{{image}}}"},"annotations":[{"id":{{{70 + i}}},"completed_by":1,"result":[
              {"id":"r","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":640,"original_height":480,
               "value":{"x":10,"y":20,"width":30,"height":40,"rotation":0,"rectanglelabels":["Box"]}}]}]}
            """);
        return new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]"));
    }

    private sealed class CountingSource(IMediaSource inner) : IMediaSource
    {
        public int Opened { get; private set; }

        public Task<MediaContent> OpenAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
        {
            Opened++;
            return inner.OpenAsync(reference, context, cancellationToken);
        }

        public Task<ImageHeaderInfo> GetImageSizeAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default) =>
            inner.GetImageSizeAsync(reference, context, cancellationToken);
    }
}
