using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

[TestFixture]
public class ImagePathsTests
{
    // Expected stems are the label file names of the official converter in the fixtures (edge_image_mixed,
    // coco_rect_poly_kp, yolo_bbox_two_annotators).
    [TestCase("/data/upload/3/a1b2c3d4-street%20scene.jpg", "a1b2c3d4-street%20scene")]
    [TestCase("https://example.com/img/photo.png?token=abc&size=large", "9b6ca489__photo")]
    [TestCase("/data/local-files/?d=cams/front/img_0003.jpg", "img_0003")]
    [TestCase("s3://bucket/cams/img_0004.jpg", "img_0004")]
    [TestCase("azure-blob://container/dir/rotated image.JPG", "rotated image")]
    [TestCase("test_image1.jpg", "235b37ac__test_image1")]
    public void LabelStem_Reference_MatchesOfficialFileName(string reference, string expected) =>
        ImagePaths.LabelStem(reference).Should().Be(expected);

    [Test]
    public void LabelStem_VeryLongName_IsCutTo251Characters()
    {
        var name = new string('a', 400);

        ImagePaths.LabelStem($"/data/upload/1/{name}.jpg").Should().HaveLength(251);
    }

    // LabelStem works on spans: the same stems as Stem(BaseName(Resolve(reference))), by Python's splitext rules.
    [TestCase("/data/upload/1/.hidden", ".hidden")]
    [TestCase("/data/upload/1/..double", "..double")]
    [TestCase("/data/upload/1/archive.tar.gz", "archive.tar")]
    [TestCase("/data/upload/1/noext", "noext")]
    [TestCase("/data/upload/1/", "")]
    [TestCase("/data/upload/1/dir.v2/file", "file")]
    public void LabelStem_EdgeNames_AsPythonSplitextOfTheBaseName(string reference, string expected) =>
        ImagePaths.LabelStem(reference).Should().Be(expected);

    [Test]
    public void LabelStem_LongNameWithExtensionPast251_CutAfterTheExtensionIsRemoved()
    {
        // splitext first (the extension goes), then the cut: 260 'a's give 251 'a's, never "a...a.jp".
        var name = new string('a', 260);

        ImagePaths.LabelStem($"/data/upload/1/{name}.jpg").Should().Be(new string('a', 251));
    }

    [TestCase(".hidden", ".hidden")]
    [TestCase("archive.tar.gz", "archive.tar")]
    [TestCase("noext", "noext")]
    public void Stem_FileName_AsPythonSplitext(string fileName, string expected) =>
        ImagePaths.Stem(fileName).Should().Be(expected);
}
